// twilio-node's ways to list factors, for the benchmark to compare with (bench/contenders.mjs).
// Each resolves to the number of items seen, or list() to the items themselves.
import twilio from "twilio";
import { IDENTITY, sleep } from "./contenders.mjs";
import { ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID } from "./credentials.mjs";

/** twilio-node with its own HTTP stack, pointed at the local server instead of Twilio. */
function twilioClient(origin) {
  class LocalRequestClient extends twilio.RequestClient {
    request(options) {
      return super.request({
        ...options,
        uri: options.uri.replace("https://verify.twilio.com", origin),
      });
    }
  }
  return twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: new LocalRequestClient() });
}

const twilioFactors = (origin) =>
  twilioClient(origin).verify.v2.services(SERVICE_SID).entities(IDENTITY).factors;

export function twilioEach(origin, { pageSize, onItem }) {
  let count = 0;
  return new Promise((resolve, reject) => {
    twilioFactors(origin).each({
      pageSize,
      callback: (factor) => {
        count++;
        onItem?.(factor, count);
      },
      done: (error) => (error ? reject(error) : resolve(count)),
    });
  });
}

export async function twilioPages(origin, { pageSize, workMs = 0 }) {
  let count = 0;
  let page = await twilioFactors(origin).page({ pageSize });
  while (page) {
    count += page.instances.length;
    if (workMs) await sleep(workMs);
    page = await page.nextPage();
  }
  return count;
}

export async function twilioList(origin, { pageSize }) {
  const all = await twilioFactors(origin).list({ pageSize });
  return all;
}
