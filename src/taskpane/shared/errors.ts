import { STRINGS, format, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";

/** A sheet the pane was asked to open is gone, or is no longer a scorecard. */
export class NotAScorecardError extends Error {
  constructor(readonly sheet: string) {
    super(`Sheet "${sheet}" is missing or not a scorecard`);
    this.name = "NotAScorecardError";
  }
}

/** What the pane was doing when an error happened; it picks the message's title. */
export type ErrorContext = "read" | "write" | "insert" | "select" | "open-file" | "save-file" | "start";

/** Kinds of OfficeAdapterError (src/excel) that the user can act on. */
export type AdapterErrorKind =
  | "protected"
  | "bad-password"
  | "edit-mode"
  | "requirement-missing"
  | "too-large"
  | "inactive-workbook"
  | "co-authoring";
const ADAPTER_KINDS: readonly string[] = [
  "protected",
  "bad-password",
  "edit-mode",
  "requirement-missing",
  "too-large",
  "inactive-workbook",
  "co-authoring",
];

export interface MessageAction {
  readonly label: string;
  readonly run: () => void;
}

/** The one message the pane shows at a time, saying what happened and what to do. */
export interface PaneMessage {
  readonly intent: "error" | "warning" | "success" | "info";
  readonly title: string;
  readonly body: string;
  /** The technical text (a library's English message), shown behind a 详细信息 disclosure, not in the body. */
  readonly detail?: string;
  readonly actions?: readonly MessageAction[];
}

/**
 * The kind of an Excel adapter error, read by shape so that file mode need not load the Office.js adapter:
 * OfficeAdapterError carries `kind`.
 */
export function adapterErrorKind(error: unknown): AdapterErrorKind | null {
  if (!(error instanceof Error)) return null;
  const kind = (error as Error & { kind?: unknown }).kind;
  return typeof kind === "string" && ADAPTER_KINDS.includes(kind) ? (kind as AdapterErrorKind) : null;
}

/** What the pane reads of file/refusal.ts's FileRefusedError. */
interface FileRefused {
  readonly reasons: Readonly<Record<Lang, string>>;
  readonly overLimit: boolean;
  readonly detail?: string;
}

/**
 * A file the page would not open (file/refusal.ts), read by name and shape like GridSheetTakenError below: the
 * first bundle, near its size budget, need not carry the xlsx chunk, which makes these errors.
 */
function isFileRefused(error: unknown): error is Error & FileRefused {
  return error instanceof Error && error.name === "FileRefusedError" && "reasons" in error;
}

/** The language of a set of texts (STRINGS hands out one object per language). */
const langOf = (s: Strings): Lang => (s === STRINGS.en ? "en" : "zh");

export const errorDetail = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : String(error);

const TITLES: Readonly<Record<ErrorContext, keyof Strings>> = {
  read: "errorReadTitle",
  write: "errorWriteTitle",
  insert: "errorInsertTitle",
  select: "errorSelectTitle",
  "open-file": "errorOpenFileTitle",
  "save-file": "errorSaveFileTitle",
  start: "errorStartTitle",
};

/** Turns any error into a message that says what to do next, keeping the original text as detail. */
export function describeError(error: unknown, context: ErrorContext, s: Strings): PaneMessage {
  const detail = errorDetail(error);
  switch (adapterErrorKind(error)) {
    case "protected":
      return { intent: "error", title: s.errorProtectedTitle, body: s.errorProtectedBody };
    case "bad-password":
      return { intent: "error", title: s.errorPasswordTitle, body: s.errorPasswordBody };
    case "too-large":
      return { intent: "error", title: s.errorTooLargeTitle, body: s.errorTooLargeBody, detail };
    case "inactive-workbook":
      return { intent: "error", title: s.errorInactiveTitle, body: s.errorInactiveBody };
    case "edit-mode":
      return { intent: "error", title: s.errorEditModeTitle, body: s.errorEditModeBody };
    case "co-authoring":
      return { intent: "warning", title: s.errorCoauthorTitle, body: s.errorCoauthorBody };
    case "requirement-missing":
      return {
        intent: "error",
        title: s.errorRequirementTitle,
        body: s.errorRequirementBody,
        detail,
      };
    default:
      break;
  }
  // src/workbook's SheetNameTakenError and src/review's GridSheetTakenError, read by name: the first bundle (file
  // mode's start screen) carries neither the workbook nor the review code.
  if (error instanceof Error && error.name === "SheetNameTakenError" && "sheet" in error)
    return {
      intent: "error",
      title: s.errorSheetTakenTitle,
      body: format(s.errorSheetTakenBody, { sheet: String(error.sheet) }),
    };
  if (error instanceof Error && error.name === "GridSheetTakenError" && "sheet" in error)
    return {
      intent: "error",
      title: s.errorSheetTakenTitle,
      body: format(s.gridSheetTakenBody, { sheet: String(error.sheet) }),
    };
  // Why a file was refused, in the UI's language only: the reason names the limit and where, or the damage.
  if (isFileRefused(error))
    return {
      intent: "error",
      title: error.overLimit ? s.errorZipBombTitle : s.errorOpenFileTitle,
      body: format(s.errorRefusedBody, { reason: error.reasons[langOf(s)] }),
      ...(error.detail ? { detail: error.detail } : {}),
    };
  if (error instanceof NotAScorecardError)
    return {
      intent: "error",
      title: s.errorNotScorecardTitle,
      body: format(s.errorNotScorecardBody, { sheet: error.sheet }),
    };
  const body = context === "open-file" ? s.errorOpenFileBody : s.errorGenericBody;
  return { intent: "error", title: s[TITLES[context]], body, detail };
}
