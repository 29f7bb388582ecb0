/** @jest-environment jsdom */
/*
 * A file shown from its reading while its model is built (src/taskpane/file/stagedFile.ts, issue 22 §7): reads
 * never wait for the model, everything else does and then goes to it, a selection and the handlers given
 * meanwhile reach it; a model that cannot be built closes the file with the reason, never leaving a pane over a
 * file that cannot be saved.
 */
import * as React from "react";
import { configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { RendererProvider, createDOMRenderer } from "@fluentui/react-components";
import userEvent from "@testing-library/user-event";
import { COL, addr, layoutFor } from "../src/sheet";
import { FileApp } from "../src/taskpane/root/FileApp";
import { StagedFile, type ModelPort } from "../src/taskpane/file/stagedFile";
import type { XlsxEngine } from "../src/taskpane/file/xlsxLoader";
import { MemoryPort, rubric } from "./support/memoryPort";

configure({ asyncUtilTimeout: 20_000 });
const renderer = createDOMRenderer(document, { unstable_filterCSSRule: () => false });
const layout = layoutFor(rubric);
const selfCell = (id: string): string => addr(COL.self, layout.entryRows.get(id) ?? 0);

class Model extends MemoryPort implements ModelPort {
  readonly simplified = false;
  async toBuffer(): Promise<Uint8Array> {
    return new Uint8Array([1]);
  }
}

/** A model with two scorecards, and a staged file over its reading whose model comes when `build` resolves. */
async function staged(): Promise<{
  model: Model;
  file: StagedFile;
  sheets: string[];
  build: (ok: boolean) => void;
  asked: () => number;
}> {
  const model = new Model();
  const a = model.addScorecard({ rubric, station: "巴川街道", year: 2020 });
  const b = model.addScorecard({ rubric, station: "东城街道", year: 2020 }, false);
  const grids = await model.readGrids();
  let settle: (ok: boolean) => void = () => undefined;
  const built = new Promise<Model>((resolve, reject) => {
    settle = (ok) => (ok ? resolve(model) : reject(new Error("model-failed")));
  });
  let asked = 0;
  const file = new StagedFile({
    grids,
    active: a,
    port: () => {
      asked++;
      return built;
    },
  });
  model.resetCounts();
  return { model, file, sheets: [a, b], build: settle, asked: () => asked };
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("StagedFile", () => {
  it("answers reads from the reading while the model is built, and everything else once it is", async () => {
    const { model, file, sheets, build } = await staged();
    const [a, b] = sheets;
    expect(await file.sheetNames()).toEqual([a, b]);
    expect(await file.activeSheet()).toBe(a);
    expect((await file.readGrids([b])).map((g) => g.name)).toEqual([b]);
    await expect(file.readGrids(["无此表"])).rejects.toThrow(/无此表/);
    expect(model.calls.readGrids).toBe(0);

    const changed: string[] = [];
    const activated: string[] = [];
    await file.onChanged((sheet) => changed.push(sheet));
    const stop = await file.onActivated((sheet) => activated.push(sheet));
    // A selection meanwhile: shown at once, given to the model when it is there.
    await file.select(b, "F5");
    expect(await file.activeSheet()).toBe(b);
    expect(activated).toEqual([b]);
    const writing = file.write(b, [{ cell: selfCell("1"), value: 2 }]);
    let written = false;
    void writing.then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toBe(false);

    build(true);
    await writing;
    await file.ready;
    expect(model.selections).toEqual([{ sheet: b, cell: "F5" }]);
    expect(model.cell(b, selfCell("1"))).toBe(2);
    // The handler given before the model hears the model's changes.
    model.userEdit(b, selfCell("2"), 1);
    expect(changed).toEqual([b]);
    // Reads go to the model now, and a handler let go is let go there too.
    expect((await file.readGrids([b]))[0].values).toEqual((await model.readGrids([b]))[0].values);
    expect(model.calls.readGrids).toBeGreaterThan(0);
    stop();
    model.userActivate(a);
    expect(activated).toEqual([b]);
  });

  it("builds the model unasked only a while after the file is shown", async () => {
    jest.useFakeTimers();
    const { file, asked, build } = await staged();
    jest.advanceTimersByTime(4000);
    expect(asked()).toBe(0);
    jest.advanceTimersByTime(1000);
    jest.useRealTimers();
    await waitFor(() => expect(asked()).toBe(1));
    build(true);
    await file.ready;
    await file.toBuffer();
    expect(asked()).toBe(1);
  });

  it("says when the model cannot be built, to whatever waits for it", async () => {
    const { file, build } = await staged();
    const writing = expect(file.write("x", [])).rejects.toThrow("model-failed");
    build(false);
    await expect(file.ready).rejects.toThrow("model-failed");
    await writing;
  });
});

describe("a file whose model cannot be built, in the pane", () => {
  /** Opens a one-scorecard file whose model fails when `fail` is called; `fail` is there once it was asked for. */
  function openFailing(): { building: { fail?: () => void } } {
    const building: { fail?: () => void } = {};
    const engine: XlsxEngine = {
      create: () => new Model(),
      open: async () => {
        const model = new Model();
        const sheet = model.addScorecard({ rubric, station: "巴川街道", year: 2020 });
        const grids = await model.readGrids();
        const refused = Object.assign(new Error("ExcelJS could not read it"), {
          name: "FileRefusedError",
          reasons: { zh: "文件已损坏，无法建立表格模型", en: "The file is damaged" },
          overLimit: false,
        });
        return new StagedFile({
          grids,
          active: sheet,
          port: () => new Promise<Model>((_, reject) => (building.fail = () => reject(refused))),
        });
      },
    };
    render(
      <RendererProvider renderer={renderer} targetDocument={document}>
        <FileApp lang="zh" loadEngine={async () => engine} timing={{ readDelay: 20, writeDelay: 30 }} />
      </RendererProvider>,
    );
    fireEvent.change(screen.getByTestId("file-input"), {
      target: { files: [new File([new Uint8Array([0x50, 0x4b])], "巴川街道.xlsx")] },
    });
    return { building };
  }

  it("is shown from its reading first, then closed with the reason", async () => {
    const { building } = openFailing();
    // The total comes from the reading, before any model; saving needs the model, which fails.
    expect((await screen.findByTestId("total")).textContent).toBe("0");
    fireEvent.click(screen.getByRole("button", { name: "保存（下载）" }));
    await waitFor(() => expect(building.fail).toBeDefined());
    building.fail?.();
    const bar = await screen.findByTestId("message-bar");
    await waitFor(() => expect(bar.textContent).toContain("文件已损坏，无法建立表格模型"));
    expect(within(bar).getByText("无法打开文件")).toBeTruthy();
    expect(bar.textContent).not.toContain("刚才的输入");
    expect(screen.queryByTestId("total")).toBeNull();
    expect(screen.getByRole("button", { name: "新建" })).toBeTruthy();
  });

  it("names what was typed meanwhile in the message that closes it: nothing typed goes in silence", async () => {
    const user = userEvent.setup();
    const { building } = openFailing();
    await screen.findByTestId("total");
    await user.click(screen.getByRole("tab", { name: /^填写/ }));
    // The form, its first section open.
    await user.type(await screen.findByRole("spinbutton", { name: /^1\. / }), "1");
    await user.tab();
    // The edit waits for the model to be written; the model fails.
    await waitFor(() => expect(building.fail).toBeDefined());
    building.fail?.();
    const bar = await screen.findByTestId("message-bar");
    await waitFor(() => expect(bar.textContent).toContain("文件已损坏，无法建立表格模型"));
    expect(bar.textContent).toContain(
      "刚才的输入未能写入此文件，请记下，在能打开的文件中重新填写：第1项自评得分 1。",
    );
    expect(screen.queryByTestId("total")).toBeNull();
  });
});
