import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../generated/verify.js";

type Schemas = components["schemas"];
type Factor = Schemas["Factor"];
type Operation = operations["listFactors"];

describe("generated/verify.ts", () => {
  it("types status and factor_type as the reference's enums", () => {
    expectTypeOf<Factor["status"]>().toEqualTypeOf<"unverified" | "verified">();
    expectTypeOf<Factor["factor_type"]>().toEqualTypeOf<"push" | "totp" | "passkeys">();
  });

  it("lets every nullable field be null, and only those", () => {
    expectTypeOf<Factor["sid"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Factor["account_sid"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Factor["date_created"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Factor["friendly_name"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Factor["url"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Factor["metadata"]>().toEqualTypeOf<{ [key: string]: string } | null>();
    expectTypeOf<Schemas["PageMeta"]["next_page_url"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Schemas["PageMeta"]["url"]>().toEqualTypeOf<string>();
    expectTypeOf<Schemas["PageMeta"]["page"]>().toEqualTypeOf<number>();
  });

  it("types config as the push, TOTP or passkeys shape", () => {
    expectTypeOf<Schemas["PasskeysFactorConfig"]["relying_party"]["origins"]>().toEqualTypeOf<
      string[]
    >();
    expectTypeOf<Schemas["TotpFactorConfig"]["code_length"]>().toEqualTypeOf<number>();
    expectTypeOf<Schemas["PushFactorConfig"]["notification_token"]>().toEqualTypeOf<string>();
    expectTypeOf<null>().toExtend<Factor["config"]>();
  });

  it("types the path and query parameters", () => {
    expectTypeOf<Operation["parameters"]["path"]>().toEqualTypeOf<{
      ServiceSid: string;
      Identity: string;
    }>();
    expectTypeOf<NonNullable<Operation["parameters"]["query"]>>().toEqualTypeOf<{
      PageSize?: number;
      Page?: number;
      PageToken?: string;
    }>();
  });

  it("answers 200 with the list and errors with Twilio's error body", () => {
    type Ok = Operation["responses"][200]["content"]["application/json"];
    expectTypeOf<Ok>().toEqualTypeOf<Schemas["FactorListResponse"]>();
    expectTypeOf<Ok["factors"]>().toEqualTypeOf<Factor[]>();
    type NotFound = Operation["responses"][404]["content"]["application/json"];
    expectTypeOf<NotFound["code"]>().toEqualTypeOf<number>();
    expectTypeOf<NotFound["more_info"]>().toEqualTypeOf<string>();
  });

  it("has the two list paths, with GET only", () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      "/v2/Services/{ServiceSid}/Entities" | "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"
    >();
    expectTypeOf<
      paths["/v2/Services/{ServiceSid}/Entities/{Identity}/Factors"]["post"]
    >().toEqualTypeOf<undefined>();
  });
});
