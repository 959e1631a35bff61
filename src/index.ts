export { createVerifyClient, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES } from "./client.js";
export type { VerifyClient } from "./client.js";
export type {
  AuditOptions,
  CallOptions,
  Identities,
  ListEntitiesOptions,
  ListFactorsOptions,
  ListOptions,
  VerifyClientOptions,
} from "./options/public.js";
export type { FactorList, FactorPage } from "./paging/list-factors.js";
export type { EntityList, EntityPage } from "./paging/list-entities.js";
export type { AuditResult } from "./audit/audit-factors.js";
export { VerifyApiError } from "./api-error.js";
export {
  VerifyArgumentError,
  VerifyConnectionError,
  VerifyError,
  VerifyAbortError,
  VerifyPaginationError,
  VerifyResponseTooLargeError,
  VerifyTimeoutError,
} from "./errors.js";
export type { Cursor, PageCursor } from "./cursor.js";
export type { ResponseInfo } from "./paging/page.js";
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
export { FACTOR_STATUSES, FACTOR_TYPES } from "./types.js";
export type { components, operations, paths } from "../generated/verify.js";
