import { describe, expectTypeOf, it } from "vitest";
import type {
  Entity,
  Factor,
  FactorListResponse,
  FactorType,
  PageMeta,
  PasskeysFactorConfig,
  PushFactor,
  PushFactorConfig,
  TotpFactorConfig,
} from "../src/index.js";

describe("Factor is a union a TypeScript user narrows on factor_type", () => {
  it("gives each factor type its own config, or null", () => {
    expectTypeOf<
      Extract<Factor, { factor_type: "push" }>["config"]
    >().toEqualTypeOf<PushFactorConfig | null>();
    expectTypeOf<
      Extract<Factor, { factor_type: "totp" }>["config"]
    >().toEqualTypeOf<TotpFactorConfig | null>();
    expectTypeOf<
      Extract<Factor, { factor_type: "passkeys" }>["config"]
    >().toEqualTypeOf<PasskeysFactorConfig | null>();
    expectTypeOf<Factor["factor_type"]>().toEqualTypeOf<FactorType>();
  });

  it("narrows config by an if on factor_type", () => {
    const check = (f: Factor) => {
      if (f.factor_type === "push" && f.config) expectTypeOf(f.config.app_id).toBeString();
      if (f.factor_type === "totp" && f.config) expectTypeOf(f.config.code_length).toBeNumber();
      if (f.factor_type === "passkeys" && f.config) {
        expectTypeOf(f.config.relying_party.origins).toEqualTypeOf<string[]>();
      }
      // @ts-expect-error: not narrowed, config may be a TOTP or passkeys config
      f.config?.app_id.toUpperCase();
    };
    expectTypeOf(check).toBeFunction();
  });

  it("lets an exhaustive switch end in a never default, and fails one that misses a case", () => {
    const exhaustive = (f: Factor): string => {
      switch (f.factor_type) {
        case "push":
          return f.config?.notification_platform ?? "";
        case "totp":
          return f.config?.alg ?? "";
        case "passkeys":
          return f.config?.relying_party.id ?? "";
        default: {
          const unknown: never = f;
          return String((unknown as { factor_type: unknown }).factor_type);
        }
      }
    };
    const missing = (f: Factor): string => {
      switch (f.factor_type) {
        case "push":
        case "totp":
          return f.factor_type;
        default: {
          // @ts-expect-error: passkeys is not handled, so f is not never here
          const unknown: never = f;
          return String(unknown);
        }
      }
    };
    expectTypeOf(exhaustive).returns.toBeString();
    expectTypeOf(missing).returns.toBeString();
  });

  it("keeps every other field of the spec's Factor, and nothing else", () => {
    expectTypeOf<Factor["sid"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Factor["status"]>().toEqualTypeOf<"unverified" | "verified">();
    expectTypeOf<Factor["metadata"]>().toEqualTypeOf<{ [key: string]: string } | null>();
  });

  it("refuses a misspelt or unlisted field of a Factor, an Entity, a config or the page meta", () => {
    const read = (factor: Factor, entity: Entity, meta: PageMeta, push: PushFactor) => [
      // @ts-expect-error: a typo of friendly_name
      factor.frendly_name,
      // @ts-expect-error: not a field of Entity
      entity.factors,
      // @ts-expect-error: a typo of next_page_url
      meta.next_page,
      // @ts-expect-error: not a field of a push config
      push.config?.app_idd,
    ];
    expectTypeOf(read).returns.toBeArray();
  });

  it("is what a page's factors hold", () => {
    expectTypeOf<FactorListResponse["factors"]>().toEqualTypeOf<Factor[]>();
    expectTypeOf<FactorListResponse["meta"]["next_page_url"]>().toEqualTypeOf<string | null>();
  });
});
