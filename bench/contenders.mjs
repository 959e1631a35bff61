// The ways to list factors that the benchmark compares, twilio-node's apart (bench/twilio.mjs) so
// that a process measuring only these does not load it. Each resolves to the number of items seen.
import { createVerifyClient } from "verify-factors";
import { ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID } from "./credentials.mjs";

export const IDENTITY = "bench-identity-0001";
const path = `/v2/Services/${SERVICE_SID}/Entities/${IDENTITY}/Factors`;
const authorization = "Basic " + btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ceiling: a bare fetch loop that parses each page and follows next_page_url. */
export async function rawLoop(origin, { pageSize, workMs = 0, onItem }) {
  let url = `${origin}${path}?PageSize=${pageSize}`;
  let count = 0;
  while (url) {
    const response = await fetch(url, { headers: { authorization } });
    const body = await response.json();
    for (const factor of body.factors) {
      count++;
      onItem?.(factor, count);
    }
    if (workMs) await sleep(workMs);
    url = body.meta.next_page_url;
  }
  return count;
}

const listing = (origin, { pageSize, prefetch = true }) =>
  createVerifyClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: origin,
  }).listFactors({
    serviceSid: SERVICE_SID,
    identity: IDENTITY,
    pageSize,
    prefetch,
  });

export async function oursItems(origin, { onItem, ...options }) {
  let count = 0;
  for await (const factor of listing(origin, options)) {
    count++;
    onItem?.(factor, count);
  }
  return count;
}

/** Items of listings made one after another by one client, as a long-running service would. */
export function oursSteady() {
  let client;
  return async (origin, { pageSize }) => {
    client ??= createVerifyClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: origin,
    });
    let count = 0;
    for await (const _ of client.listFactors({
      serviceSid: SERVICE_SID,
      identity: IDENTITY,
      pageSize,
    }))
      count++;
    return count;
  };
}

export async function oursPages(origin, { workMs = 0, ...options }) {
  let count = 0;
  for await (const page of listing(origin, options).pages()) {
    count += page.factors.length;
    if (workMs) await sleep(workMs);
  }
  return count;
}
