/** @jest-environment jsdom */
/*
 * A refused input is never silently lost (issue 22 §2): 23 = 5 where the maximum is 2 stays in its box, 问题 lists
 * it as 无效 with what was typed (not as 未填写), the overview counts it, export asks before leaving it out, Esc
 * gives it up, and an edit of the cell in the sheet replaces it.
 */
import { configure, screen, waitFor, within } from "@testing-library/react";
import { COL, addr, layoutFor } from "../src/sheet";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";
import { setup } from "./support/renderPane";

configure({ asyncUtilTimeout: 20_000 });

const layout = layoutFor(rubric);
const selfCell = (id: string): string => addr(COL.self, layout.entryRows.get(id) ?? 0);
const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const spin = (no: number): HTMLInputElement =>
  screen.getByRole("spinbutton", { name: new RegExp(`^${no}\\. `) });
const bar = (): HTMLElement => screen.getByTestId("message-bar");

/** 巴川街道's scorecard, every item but 23 at its maximum. */
function portWithout23(): { port: MemoryPort; sheet: string } {
  const port = new MemoryPort();
  const sheet = port.addScorecard({
    rubric,
    station: "巴川街道",
    year: 2020,
    entries: entriesOf({ self: fullBase({ "23": null }) }),
  });
  return { port, sheet };
}

/** Opens 填写 at item 23's category and types `text` into its box, then leaves it (Tab). */
async function type23(user: ReturnType<typeof setup>["user"], text: string): Promise<void> {
  await user.click(tab("填写"));
  const category = rubric.categories.find((c) => c.items.some((i) => i.id === "23"));
  const header = screen.getByRole("button", { name: new RegExp(`^${category?.name}`) });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  await user.clear(spin(23));
  await user.type(spin(23), text);
  await user.tab();
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("a refused input", () => {
  it("stays in its box, is listed as 无效 with what was typed, is counted, and is never written", async () => {
    const { port, sheet } = portWithout23();
    const { user } = setup(port);
    await screen.findByTestId("total");
    port.resetCounts();
    await type23(user, "5");
    expect(spin(23).value).toBe("5");
    expect(screen.getByText("第23项得分 5 超过该项分值 2")).toBeTruthy();

    await user.click(tab("问题"));
    const rows = within(await screen.findByTestId("problems")).getAllByRole("button");
    const about23 = rows.filter((r) => /第23项/.test(r.textContent ?? ""));
    expect(about23.map((r) => r.getAttribute("data-kind"))).toEqual(["invalid"]);
    expect(about23[0].textContent).toContain("输入未被接受：第23项得分 5 超过该项分值 2");
    expect(rows.some((r) => /第23项未填写/.test(r.textContent ?? ""))).toBe(false);

    await user.click(tab("概览"));
    expect(screen.getByTestId("refused").textContent).toBe("1 项输入未被接受");
    // Leaving 填写 and coming back keeps it.
    await user.click(tab("填写"));
    expect(spin(23).value).toBe("5");
    expect(port.calls.write).toBe(0);
    expect(port.cell(sheet, selfCell("23"))).toBeNull();
  });

  it("makes export ask first, and 仍然导出 goes on", async () => {
    const { port } = portWithout23();
    const { user } = setup(port);
    await screen.findByTestId("total");
    await type23(user, "5");
    await user.click(tab("导出"));
    await user.click(await screen.findByRole("checkbox", { name: "导出为草稿" }));
    port.resetCounts();
    await user.click(screen.getByRole("button", { name: "下载 CSV 文件" }));
    expect(within(bar()).getByText("1 项输入未被接受")).toBeTruthy();
    expect(bar().textContent).toContain("第23项自评“5”");
    // Nothing was read or exported while the question stands.
    expect(port.calls.readGrids).toBe(0);
    await user.click(within(bar()).getByRole("button", { name: "取消" }));
    expect(screen.queryByTestId("message-bar")).toBeNull();
    await user.click(screen.getByRole("button", { name: "下载 CSV 文件" }));
    await user.click(within(bar()).getByRole("button", { name: "仍然导出" }));
    await waitFor(() => expect(port.calls.readGrids).toBeGreaterThan(0));
  });

  it("is given up with Esc, and replaced by a valid value or an edit in the sheet", async () => {
    const { port, sheet } = portWithout23();
    const { user } = setup(port);
    await screen.findByTestId("total");
    await type23(user, "5");
    spin(23).focus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(spin(23).value).toBe(""));
    expect(screen.queryByText("第23项得分 5 超过该项分值 2")).toBeNull();

    await type23(user, "9");
    expect(spin(23).value).toBe("9");
    await type23(user, "1.5");
    expect(spin(23).value).toBe("1.5");
    await waitFor(() => expect(port.cell(sheet, selfCell("23"))).toBe(1.5));

    await type23(user, "7");
    expect(spin(23).value).toBe("7");
    port.userEdit(sheet, selfCell("23"), 2);
    await waitFor(() => expect(spin(23).value).toBe("2"));
    expect(screen.queryByText(/第23项得分 7/)).toBeNull();
  });
});
