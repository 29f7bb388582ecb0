import type { WorkbookPort } from "../../workbook";

/** A workbook open in file mode: the port the pane works through, and the bytes to download. */
export interface XlsxDocument extends WorkbookPort {
  toBuffer(): Promise<Uint8Array | ArrayBuffer>;
  /** Opened without the parts ExcelJS could not load (pictures, comments, tables…): saving drops them. */
  readonly simplified?: boolean;
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
  const [xlsx, { refusal }] = await Promise.all([
    import(/* webpackChunkName: "xlsx" */ "../../xlsx"),
    import(/* webpackChunkName: "xlsx" */ "./refusal"),
  ]);
  return {
    create: () => new xlsx.XlsxPort(xlsx.newWorkbook()),
    open: (data) => xlsx.XlsxPort.load(data).catch((e: unknown) => Promise.reject(refusal(e))),
  };
}
