import type { components } from "../generated/verify.js";

type Schemas = components["schemas"];

export type FactorStatus = Schemas["FactorStatus"];
export type FactorType = Schemas["FactorType"];
export type FactorConfig = Schemas["FactorConfig"];
export type PushFactorConfig = Schemas["PushFactorConfig"];
export type TotpFactorConfig = Schemas["TotpFactorConfig"];
export type PasskeysFactorConfig = Schemas["PasskeysFactorConfig"];
export type FactorMetadata = Schemas["FactorMetadata"];
export type PageMeta = Schemas["PageMeta"];
/** Twilio's JSON error body. */
export type TwilioErrorBody = Schemas["Error"];

/** The properties a schema lists, without the index signature that lets Twilio add more. */
type Listed<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/**
 * The `config` of a factor type: the spec's `<Type>FactorConfig` schema. A type added to
 * `FactorType` without its config schema fails to compile here, which is the reminder to add it.
 */
type ConfigOf<T extends FactorType> = Schemas[`${Capitalize<T>}FactorConfig`];

/** A Factor of one type: the spec's Factor, with `factor_type` fixed and `config` its shape. */
export type FactorOf<T extends FactorType> = Omit<
  Listed<Schemas["Factor"]>,
  "factor_type" | "config"
> & {
  factor_type: T;
  config: ConfigOf<T> | null;
  /** Properties Twilio may add that the spec does not list yet. */
  [property: string]: unknown;
};

export type PushFactor = FactorOf<"push">;
export type TotpFactor = FactorOf<"totp">;
export type PasskeysFactor = FactorOf<"passkeys">;

/**
 * A Factor of an Entity: a push factor on a device, a TOTP factor in an authenticator app, or a
 * passkey. Narrow it on `factor_type` to get its `config`. A type Twilio adds before the spec
 * lists it still comes through at runtime: give an exhaustive `switch` a `default` that copes.
 */
export type Factor = { [T in FactorType]: FactorOf<T> }[FactorType];

/** One page as Twilio sends it, its factors narrowable on `factor_type`. */
export type FactorListResponse = Omit<Schemas["FactorListResponse"], "factors"> & {
  factors: Factor[];
};

/** An Entity of a Service: a user of your application that has factors. */
export type Entity = Schemas["Entity"];

/** One page of Entities as Twilio sends it. */
export type EntityListResponse = Schemas["EntityListResponse"];
