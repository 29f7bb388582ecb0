// ExcelJS 4.4's own writer pieces, reused so that a scorecard copy written straight to XML (./planXml) is
// exactly what ExcelJS writes: its escaping, its string and style registries, its worksheet and list renderers.
declare module "exceljs/lib/utils/xml-stream" {
  class XmlStream {
    get xml(): string;
  }
  export = XmlStream;
}
declare module "exceljs/lib/utils/utils" {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}
declare module "exceljs/lib/doc/range" {
  class Range {
    expand(top: number, left: number, bottom: number, right: number): void;
    get range(): string;
  }
  export = Range;
}
declare module "exceljs/lib/xlsx/xform/sheet/worksheet-xform" {
  import XmlStream = require("exceljs/lib/utils/xml-stream");
  class WorksheetXform {
    render(xmlStream: XmlStream, model: object): void;
  }
  export = WorksheetXform;
}
declare module "exceljs/lib/xlsx/xform/sheet/hyperlink-xform" {
  class HyperlinkXform {}
  export = HyperlinkXform;
}
declare module "exceljs/lib/xlsx/xform/sheet/row-breaks-xform" {
  import XmlStream = require("exceljs/lib/utils/xml-stream");
  class RowBreaksXform {
    render(xmlStream: XmlStream, model: readonly object[]): void;
  }
  export = RowBreaksXform;
}
declare module "exceljs/lib/xlsx/xform/list-xform" {
  import XmlStream = require("exceljs/lib/utils/xml-stream");
  class ListXform {
    constructor(options: { tag: string; count: boolean; childXform: object });
    render(xmlStream: XmlStream, model: readonly object[]): void;
  }
  export = ListXform;
}
declare module "exceljs/lib/xlsx/xform/core/relationships-xform" {
  import XmlStream = require("exceljs/lib/utils/xml-stream");
  class RelationshipsXform {
    render(xmlStream: XmlStream, model: readonly object[]): void;
  }
  export = RelationshipsXform;
}
declare module "exceljs/lib/xlsx/xform/book/workbook-xform" {
  class WorkbookXform {
    prepare(model: object): void;
  }
  export = WorkbookXform;
}
declare module "exceljs/lib/xlsx/rel-type" {
  const RelType: { readonly Hyperlink: string };
  export = RelType;
}
