import { WorkbookFormatError, formatError, sniffWorkbook } from "./format";
import { READ_LIMITS } from "./limits";
import { PORTABLE_CODEC, ZipError, ZipReader, type ZipCodec } from "./stream/zip";

/*
 * The one gate every reader's bytes go through (the streaming reader behind check, summary and sample; the ExcelJS
 * load behind export and the page; the roll-up's chart step): what is not an .xlsx package is told apart, and a
 * package is read only once its directory and every entry have passed the zip checks and READ_LIMITS.
 */

/** A ZipError as the WorkbookFormatError every reader reports. */
export function packageError(e: ZipError): WorkbookFormatError {
  return "limit" in e.why
    ? formatError("too-large", e, { limit: e.why.limit, part: e.part })
    : formatError("damaged", e, { damage: e.why.damage, part: e.part });
}

const ODS_MIMETYPE = /^application\/vnd\.oasis\.opendocument\.spreadsheet/;

/**
 * The package of .xlsx bytes, checked whole: not empty, not OLE2 (encrypted or legacy), a zip within the limits
 * and undamaged (ZipReader), not an .ods or .xlsb under another name, and every entry inflated once with its size
 * and CRC-32 checked. Throws WorkbookFormatError.
 */
export function openPackage(bytes: Uint8Array, codec: ZipCodec = PORTABLE_CODEC): ZipReader {
  sniffWorkbook(bytes);
  if (bytes.length > READ_LIMITS.fileBytes) throw formatError("too-large", undefined, { limit: "fileBytes" });
  try {
    const zip = new ZipReader(bytes, codec);
    // The ODF mimetype entry comes first, stored (ODF 1.2 Part 3, §3.3); it is read checked like any part.
    if (zip.has("mimetype") && ODS_MIMETYPE.test(zip.text("mimetype"))) throw formatError("ods");
    if (zip.has("xl/workbook.bin") && !zip.has("xl/workbook.xml")) throw formatError("xlsb");
    zip.verify();
    return zip;
  } catch (e) {
    throw e instanceof ZipError ? packageError(e) : e;
  }
}
