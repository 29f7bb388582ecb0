export {
  COAUTHOR_QUIET_MS,
  OfficePort,
  REQUIREMENTS,
  type AsyncUnsubscribe,
  type ExcelRun,
  type IsSetSupported,
  type OfficePortOptions,
} from "./officePort";
export {
  OfficeAdapterError,
  translateOfficeError,
  officeErrorOf,
  type OfficeAdapterErrorKind,
  type OfficeErrorLike,
} from "./errors";
export { GATED_FEATURES, PROTECTION_OPTIONS } from "./features";
export { OwnWriteGuard } from "./ownWrites";
