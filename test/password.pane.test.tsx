/**
 * @jest-environment jsdom
 */
import * as React from "react";
import { screen, within } from "@testing-library/react";
import { OfficePort } from "../src/excel";
import { getRubric } from "../src/rubric";
import { buildPlan, readScorecard } from "../src/sheet";
import { TextsProvider } from "../src/taskpane/shared/i18n";
import { MessagesProvider, PaneMessageBar, useMessages } from "../src/taskpane/shared/messages";
import { PasswordProvider, PasswordStore } from "../src/taskpane/shared/passwords";
import { FakeExcel } from "./support/fakeExcel";
import { renderApp } from "./support/renderPane";

const rubric = getRubric("2020-trial");

/** A panel whose action hits a password-protected sheet, as a repair or a state change would. */
function Redraw(props: { port: OfficePort }): React.JSX.Element {
  const messages = useMessages();
  const plan = buildPlan({
    rubric,
    station: "东城街道",
    year: 2020,
    entries: { self: { "1": 1 }, review: {}, evidence: {}, notes: {} },
  });
  return (
    <button
      onClick={() =>
        void props.port.render(plan).then(
          () => messages.show({ intent: "success", title: "已修复", body: "" }),
          (error: unknown) => messages.report(error, "write"),
        )
      }
    >
      修复
    </button>
  );
}

it("asks for the sheet password after BadPassword, and the next redraw uses it", async () => {
  const fake = new FakeExcel();
  const protectedPlan = buildPlan({ rubric, station: "东城街道", year: 2020, password: "pw" });
  const store = new PasswordStore();
  await new OfficePort({ run: fake.run, isSetSupported: fake.isSetSupported }).render(protectedPlan);
  const port = new OfficePort({ run: fake.run, isSetSupported: fake.isSetSupported, passwordFor: store.get });
  const { user } = renderApp(
    <TextsProvider lang="zh">
      <PasswordProvider store={store}>
        <MessagesProvider>
          <PaneMessageBar />
          <Redraw port={port} />
        </MessagesProvider>
      </PasswordProvider>
    </TextsProvider>,
  );
  await user.click(screen.getByRole("button", { name: "修复" }));
  const bar = await screen.findByTestId("message-bar", {}, { timeout: 30_000 });
  expect(within(bar).getByText("需要工作表保护密码")).toBeTruthy();
  expect(readScorecard(fake.grid(protectedPlan.sheetName)).entries.self["1"]).toBeNull();
  await user.click(within(bar).getByRole("button", { name: "输入密码" }));
  const dialog = await screen.findByRole("alertdialog", {}, { timeout: 30_000 });
  await user.type(within(dialog).getByLabelText("密码"), "pw");
  await user.click(within(dialog).getByRole("button", { name: "使用此密码" }));
  expect(store.get()).toBe("pw");
  await user.click(await screen.findByRole("button", { name: "修复" }, { timeout: 30_000 }));
  await screen.findByText("已修复", {}, { timeout: 30_000 });
  expect(readScorecard(fake.grid(protectedPlan.sheetName)).entries.self["1"]).toBe(1);
  expect(fake.sheet(protectedPlan.sheetName).protection).toMatchObject({ protected: true, password: "pw" });
});
