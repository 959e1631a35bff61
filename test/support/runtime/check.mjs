// What every runtime must do with the built package, against the tests' fake servers: plain
// JavaScript, no Node API, so Node, Bun, Deno and a browser page run the very same code.
// `verify` is the package's module; `urls` name one fake server per case.

const SERVICE_SID = "VA" + "0".repeat(31) + "1";
const IDENTITY = "fake-identity-0001";
const target = { serviceSid: SERVICE_SID, identity: IDENTITY };

export async function check(verify, urls, credentials) {
  const client = (baseUrl, options = {}) =>
    verify.createVerifyClient({ ...credentials, baseUrl, ...options });
  const results = {};

  // A listing of three pages.
  const pages = [];
  for await (const page of client(urls.pages)
    .listFactors({ ...target, pageSize: 2 })
    .pages()) {
    pages.push(page.factors.length);
  }
  results.pages = pages;

  // A 429, then success once its Retry-After has passed.
  const started = Date.now();
  const factors = await client(urls.limited).listFactors(target).toArray();
  results.retried = { factors: factors.length, waitedMs: Date.now() - started };

  // An abort mid-listing.
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  try {
    await client(urls.slow)
      .listFactors({ ...target, signal: controller.signal })
      .toArray();
    results.aborted = "not aborted";
  } catch (error) {
    results.aborted = { name: error.name, isVerifyError: error instanceof verify.VerifyError };
  }

  // A VerifyApiError with its fields.
  try {
    await client(urls.missing, { maxRetries: 0 }).listFactors(target).toArray();
    results.apiError = "no error";
  } catch (error) {
    results.apiError = {
      isApiError: error instanceof verify.VerifyApiError,
      status: error.status,
      code: error.code,
      moreInfo: error.moreInfo,
      requestId: error.requestId,
    };
  }
  return results;
}
