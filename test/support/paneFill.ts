import type { Page } from "playwright-core";
import type { Category } from "../../src/rubric";

/** In the pane's 填写 tab (in Chromium): opens a category if it is closed and gives every item its maximum. */
export async function fillCategoryAtMax(page: Page, category: Category): Promise<void> {
  const header = page.getByRole("button", { name: new RegExp(`^${category.name}`) });
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  for (const item of category.items) {
    const box = page.getByRole("spinbutton", { name: new RegExp(`^${item.no}\\. `) });
    await box.fill(String(item.max));
    await box.press("Tab");
  }
}
