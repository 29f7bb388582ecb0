/** Why an Office.js call failed, in terms the task pane can act on. */
export type OfficeAdapterErrorKind = "protected" | "edit-mode" | "requirement-missing";

const MESSAGES: Record<OfficeAdapterErrorKind, string> = {
  protected:
    "工作表受保护，无法修改（如设置了密码，请先撤销工作表保护）/ The sheet is protected and could not be changed",
  "edit-mode":
    "请先按 Enter 或 Esc 结束单元格编辑，再重试 / Finish editing the cell (Enter or Esc), then try again",
  "requirement-missing":
    "此版本的 Excel 不支持本加载项所需的功能，请升级 Excel / This version of Excel lacks an API the add-in needs",
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
  if (
    (e.code === "AccessDenied" || e.code === "InvalidOperation") &&
    (PROTECTION.test(e.message) ||
      PROTECTION.test(e.location) ||
      (sheetWasProtected && e.code === "AccessDenied"))
  )
    return new OfficeAdapterError("protected", error, e.message);
  return error;
}
