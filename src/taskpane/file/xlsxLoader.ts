import type { WorkbookPort } from "../../workbook";

/** A workbook open in file mode: the port the pane works through, and the bytes to download. */
export interface XlsxDocument extends WorkbookPort {
  toBuffer(): Promise<Uint8Array | ArrayBuffer>;
  /** Opened without the parts ExcelJS could not load (pictures, comments, tables…): saving drops them. */
  readonly simplified?: boolean;
  /**
   * An opened file is shown from its reading while its model is built: settles then, rejecting with why the file
   * cannot be worked on after all. Absent when the model is there from the start (a new workbook).
   */
  readonly ready?: Promise<void>;
}

export interface XlsxEngine {
  create(): XlsxDocument;
  open(data: ArrayBuffer | Uint8Array): Promise<XlsxDocument>;
}

/**
 * The ExcelJS adapter, loaded only in file mode and only when first needed: dynamic import() gives it its own
 * chunk, so the add-in's first bundle never carries ExcelJS (nor the texts of why a file is refused).
 */
export async function loadXlsxEngine(): Promise<XlsxEngine> {
  const [xlsx, { refusal }, { StagedFile }] = await Promise.all([
    import(/* webpackChunkName: "xlsx" */ "../../xlsx"),
    import(/* webpackChunkName: "xlsx" */ "./refusal"),
    import(/* webpackChunkName: "xlsx" */ "./stagedFile"),
  ]);
  return {
    create: () => new xlsx.XlsxPort(xlsx.newWorkbook()),
    // The file's reading first (refused at once, as loading refuses it), its model while the pane shows it.
    open: async (data) => {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      // The browser inflates the large parts first, the package gate then checks them as any.
      const { codec } = await xlsx.preinflatedCodec(bytes);
      try {
        const staged = xlsx.XlsxPort.stage(bytes, { codec });
        return new StagedFile({
          grids: staged.grids,
          active: staged.active,
          port: () => staged.port().catch((e: unknown) => Promise.reject(refusal(e))),
        });
      } catch (e) {
        throw refusal(e);
      }
    },
  };
}
