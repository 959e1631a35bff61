import type { components, operations } from "../generated/verify.js";

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

/** An operation's query parameters, by the spec's names. */
export type QueryOf<Operation extends keyof operations> = NonNullable<
  operations[Operation]["parameters"]["query"]
>;

/** The response headers the client reads, by the spec's names: a rename there fails the build. */
type ResponseHeader = keyof components["headers"];
export const REQUEST_ID_HEADER = "Twilio-Request-Id" satisfies ResponseHeader;
export const RETRY_AFTER_HEADER = "Retry-After" satisfies ResponseHeader;

/** The name of a factor type's config schema in the spec. */
type ConfigName<T extends FactorType> = `${Capitalize<T>}FactorConfig`;

/** The `config` of a factor type: the spec's `<Type>FactorConfig` schema. */
type ConfigOf<T extends FactorType> =
  ConfigName<T> extends keyof Schemas ? Schemas[ConfigName<T>] : never;

/** The factor types the spec lists without a config schema of their own. */
type WithoutConfig = {
  [T in FactorType]: ConfigName<T> extends keyof Schemas ? never : T;
}[FactorType];

type Holds<Check extends true> = Check;
/**
 * A factor type added to the spec needs one decision by hand: the shape of its `config`. Until
 * its schema is there, the build stops here with a message that says which one to add.
 */
type EveryFactorTypeHasItsConfig = Holds<
  [WithoutConfig] extends [never]
    ? true
    : `openapi/verify.yaml: add a ${ConfigName<WithoutConfig>} schema (the config of factor_type "${WithoutConfig}") and list it in FactorConfig`
>;

/** A Factor of one type: the spec's Factor, with `factor_type` fixed and `config` its shape. */
export type FactorOf<T extends FactorType> = Omit<Schemas["Factor"], "factor_type" | "config"> & {
  factor_type: T;
  config: ConfigOf<T> | null;
};

export type PushFactor = FactorOf<"push">;
export type TotpFactor = FactorOf<"totp">;
export type PasskeysFactor = FactorOf<"passkeys">;

/**
 * A Factor of an Entity: a push factor on a device, a TOTP factor in an authenticator app, or a
 * passkey. Narrow it on `factor_type` to get its `config`. Fields and types Twilio adds before the
 * spec lists them still come through at runtime, untyped: give an exhaustive `switch` a `default`
 * that copes.
 */
export type Factor = { [T in FactorType]: FactorOf<T> }[FactorType];

/** One page as the spec describes it. */
export type GeneratedFactorListResponse = Schemas["FactorListResponse"];

/** One page as Twilio sends it, its factors narrowable on `factor_type`. */
export type FactorListResponse = Omit<GeneratedFactorListResponse, "factors"> & {
  factors: Factor[];
};

/** An Entity of a Service: a user of your application that has factors. */
export type Entity = Schemas["Entity"];

/** One page of Entities as Twilio sends it. */
export type EntityListResponse = Schemas["EntityListResponse"];

export {
  factorStatusValues as FACTOR_STATUSES,
  factorTypeValues as FACTOR_TYPES,
} from "../generated/verify.js";
