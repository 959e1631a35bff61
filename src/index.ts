export { createVerifyClient, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES } from "./client.js";
export type { VerifyClient, VerifyClientOptions } from "./client.js";
export type { FactorList, FactorPage, ListFactorsOptions } from "./list-factors.js";
export type { EntityList, EntityPage, ListEntitiesOptions } from "./list-entities.js";
export type { AuditOptions, AuditResult } from "./audit.js";
export {
  VerifyApiError,
  VerifyArgumentError,
  VerifyConnectionError,
  VerifyError,
  VerifyAbortError,
  VerifyPaginationError,
  VerifyResponseTooLargeError,
  VerifyTimeoutError,
} from "./errors.js";
export type { Cursor, PageCursor } from "./cursor.js";
export type { ResponseInfo } from "./pager.js";
export type { Logger, LogLevel } from "./log.js";
export type {
  Entity,
  EntityListResponse,
  Factor,
  FactorConfig,
  FactorListResponse,
  FactorMetadata,
  FactorOf,
  FactorStatus,
  FactorType,
  PageMeta,
  PasskeysFactor,
  PasskeysFactorConfig,
  PushFactor,
  PushFactorConfig,
  TotpFactor,
  TotpFactorConfig,
  TwilioErrorBody,
} from "./types.js";
export type { components, operations, paths } from "../generated/verify.js";
