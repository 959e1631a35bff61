// The fake server's credentials, as test/support/fake-verify.ts defines them. Copied rather than
// imported from the bundled fake: a measured process loads only what it measures, and the fake's
// module, loaded into the throughput contenders' process, changed their figures.
export const ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
export const AUTH_TOKEN = "fake_auth_token_not_real";
export const SERVICE_SID = "VA" + "0".repeat(31) + "1";
