import { describe, expectTypeOf, it } from "vitest";
import {
  createVerifyClient,
  type Entity,
  type Factor,
  type FactorPage,
  type FactorStatus,
  type FactorType,
  type components,
} from "../src/index.js";

const verify = createVerifyClient({ accountSid: "AC_fake", authToken: "fake" });
const PATH = "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors";
const path = { ServiceSid: "VA_fake", Identity: "fake-identity" };

describe("types of the client", () => {
  it("yields Factor items and FactorPage pages", async () => {
    const list = verify.listFactors({ serviceSid: "VA_fake", identity: "fake-identity" });
    for await (const factor of list) expectTypeOf(factor).toEqualTypeOf<Factor>();
    for await (const page of list.pages()) expectTypeOf(page).toEqualTypeOf<FactorPage>();
    expectTypeOf(list.toArray()).resolves.toEqualTypeOf<Factor[]>();
    expectTypeOf<Factor["status"]>().toEqualTypeOf<FactorStatus>();
    expectTypeOf<FactorType>().toEqualTypeOf<"push" | "totp" | "passkeys">();
  });

  it("types verify.api by the spec's paths", async () => {
    const { data } = await verify.api.GET(PATH, { params: { path, query: { PageSize: 10 } } });
    // The raw client gives the generated shapes; listFactors gives the narrowable Factor.
    expectTypeOf(data?.factors).toExtend<components["schemas"]["Factor"][] | undefined>();
    expectTypeOf(data!.factors[0]!.factor_type).toEqualTypeOf<FactorType>();
    expectTypeOf(data!.factors[0]!.status).toEqualTypeOf<FactorStatus>();
    expectTypeOf(data!.meta.next_page_url).toEqualTypeOf<string | null>();

    // @ts-expect-error: no such path in the spec
    await verify.api.GET("/v2/Services/{ServiceSid}/Challenges", { params: { path } });
    // @ts-expect-error: PageSize is a number
    await verify.api.GET(PATH, { params: { path, query: { PageSize: "10" } } });
    // @ts-expect-error: Identity is required
    await verify.api.GET(PATH, { params: { path: { ServiceSid: "VA_fake" } } });
    // @ts-expect-error: the endpoint has no POST
    await verify.api.POST(PATH, { params: { path } });
  });

  it("audits the identities of listed Entities as they come, null included", () => {
    const entities: Entity[] = [];
    expectTypeOf(verify.auditFactors).toBeCallableWith({
      serviceSid: "VA_fake",
      identities: entities.map((entity) => entity.identity),
    });
    expectTypeOf<Entity["identity"]>().toEqualTypeOf<string | null>();
    // @ts-expect-error: a number is not an identity
    expectTypeOf(verify.auditFactors).toBeCallableWith({ serviceSid: "VA_fake", identities: [1] });
  });

  it("requires serviceSid and identity", () => {
    // @ts-expect-error: identity missing
    expectTypeOf(verify.listFactors).toBeCallableWith({ serviceSid: "VA_fake" });
    expectTypeOf(verify.listFactors).toBeCallableWith({
      serviceSid: "VA_fake",
      identity: "fake-identity",
      pageSize: 10,
      limit: 5,
    });
  });
});
