/** Why an Office.js call failed, in terms the task pane can act on. */
export type OfficeAdapterErrorKind =
  | "protected"
  | "bad-password"
  | "edit-mode"
  | "requirement-missing"
  | "too-large"
  | "inactive-workbook"
  | "co-authoring";

/** Kinds Excel reports before changing anything: nothing to repair after them. */
export const REFUSED_BEFORE_CHANGE: readonly OfficeAdapterErrorKind[] = [
  "bad-password",
  "edit-mode",
  "requirement-missing",
  "inactive-workbook",
  "co-authoring",
];

const MESSAGES: Record<OfficeAdapterErrorKind, string> = {
  protected:
    "工作表受保护，无法修改（如设置了密码，请先撤销工作表保护）/ The sheet is protected and could not be changed",
  "bad-password": "工作表保护密码不正确 / The password for the sheet's protection is not correct",
  "edit-mode":
    "请先按 Enter 或 Esc 结束单元格编辑，再重试 / Finish editing the cell (Enter or Esc), then try again",
  "too-large":
    "工作簿内容太多，Excel 一次无法传完，请减少要检查的工作表 / The workbook is too large for one request; check fewer sheets",
  "inactive-workbook":
    "工作簿已不在活动状态，请切换回该工作簿后重试 / The workbook is no longer active; switch back to it and try again",
  "requirement-missing":
    "此版本的 Excel 不支持本加载项所需的功能，请升级 Excel / This version of Excel lacks an API the add-in needs",
  "co-authoring":
    "其他人正在编辑此工作簿，暂不重绘评分表 / Others are editing this workbook; the scorecard was not redrawn",
};

/** A well-known Office.js failure; `cause` is the original error, unchanged. */
export class OfficeAdapterError extends Error {
  readonly kind: OfficeAdapterErrorKind;
  readonly cause: unknown;
  /** The Office error code, e.g. "AccessDenied", when there was one. */
  readonly code?: string;

  constructor(kind: OfficeAdapterErrorKind, cause: unknown, detail?: string) {
    const original = officeErrorOf(cause);
    super(detail ? `${MESSAGES[kind]}: ${detail}` : MESSAGES[kind]);
    this.name = "OfficeAdapterError";
    this.kind = kind;
    this.cause = cause;
    this.code = original?.code;
  }
}

/** The parts of OfficeExtension.Error the adapter looks at, read structurally. */
export interface OfficeErrorLike {
  readonly code: string;
  readonly message: string;
  readonly location: string;
}

export function officeErrorOf(error: unknown): OfficeErrorLike | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; message?: unknown; debugInfo?: { errorLocation?: unknown } };
  if (typeof e.code !== "string") return undefined;
  return {
    code: e.code,
    message: typeof e.message === "string" ? e.message : "",
    location: typeof e.debugInfo?.errorLocation === "string" ? e.debugInfo.errorLocation : "",
  };
}

export const isEditModeError = (error: unknown): boolean =>
  officeErrorOf(error)?.code === "InvalidOperationInCellEditMode";

/**
 * protect() or unprotect() refused because the sheet was no longer in the state the batch had loaded (someone
 * changed its protection in between): office-js#6784 makes that AccessDenied. Nothing ran after it in that batch.
 */
export function isProtectionStateError(error: unknown): boolean {
  const e = officeErrorOf(error instanceof OfficeAdapterError ? error.cause : error);
  return e?.code === "AccessDenied" && e.location.startsWith("WorksheetProtection.");
}

const PROTECTION = /protect|保护/i;

/**
 * Maps well-known Office errors to an OfficeAdapterError; anything else is returned as it came.
 * `sheetWasProtected`: the failed batch worked on a sheet that was protected when it was loaded, so an
 * AccessDenied without a telling message is still put down to protection.
 */
export function translateOfficeError(error: unknown, sheetWasProtected = false): unknown {
  if (error instanceof OfficeAdapterError) return error;
  const e = officeErrorOf(error);
  if (!e) return error;
  if (e.code === "InvalidOperationInCellEditMode") return new OfficeAdapterError("edit-mode", error);
  if (e.code === "ApiNotFound") return new OfficeAdapterError("requirement-missing", error, e.message);
  // "Error handling with the application-specific JavaScript APIs": BadPassword – "The password you supplied
  // is incorrect"; the payload limits of Excel on the web; InactiveWorkbook when several are open.
  if (e.code === "BadPassword") return new OfficeAdapterError("bad-password", error);
  if (e.code === "RequestPayloadSizeLimitExceeded" || e.code === "ResponsePayloadSizeLimitExceeded")
    return new OfficeAdapterError("too-large", error);
  if (e.code === "InactiveWorkbook") return new OfficeAdapterError("inactive-workbook", error);
  if (
    (e.code === "AccessDenied" || e.code === "InvalidOperation") &&
    (PROTECTION.test(e.message) ||
      PROTECTION.test(e.location) ||
      (sheetWasProtected && e.code === "AccessDenied"))
  )
    return new OfficeAdapterError("protected", error, e.message);
  return error;
}
