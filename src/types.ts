import type { components } from "../generated/verify.js";

type Schemas = components["schemas"];

/** A Factor of an Entity: a push factor on a device or a TOTP factor in an authenticator app. */
export type Factor = Schemas["Factor"];
export type FactorStatus = Schemas["FactorStatus"];
export type FactorType = Schemas["FactorType"];
export type FactorConfig = Schemas["FactorConfig"];
export type PushFactorConfig = Schemas["PushFactorConfig"];
export type TotpFactorConfig = Schemas["TotpFactorConfig"];
export type FactorMetadata = Schemas["FactorMetadata"];
/** One page as Twilio sends it. */
export type FactorListResponse = Schemas["FactorListResponse"];
export type PageMeta = Schemas["PageMeta"];
/** Twilio's JSON error body. */
export type TwilioErrorBody = Schemas["Error"];
