// HTTP Basic credentials, added below openapi-fetch's middleware (where retries are too): no
// middleware sees them, and none can send them elsewhere by rewriting the request's URL.
import { checkString } from "../checks.js";
import { describe } from "../shown.js";
import { VerifyArgumentError } from "../errors.js";

function base64(text: string): string {
  // btoa takes Latin-1 only; credentials are UTF-8 on the wire.
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The headers a request is sent with: its own, and `Authorization` only for `baseUrl`'s origin. */
export type Authorize = (request: Request) => Headers;

export function basicAuth(baseUrl: string, username: string, password: string): Authorize {
  const origin = new URL(baseUrl).origin;
  const authorization = `Basic ${base64(`${username}:${password}`)}`;
  return (request) => {
    const headers = new Headers(request.headers);
    if (new URL(request.url).origin === origin) headers.set("authorization", authorization);
    else headers.delete("authorization");
    return headers;
  };
}

/**
 * HTTP Basic's user name: a server reads up to the first colon as the user name and the rest as
 * the password, so a name with a colon cannot be sent.
 */
export function checkUserName(value: unknown): string {
  const name = checkString("accountSid", value);
  if (name.includes(":")) {
    throw new VerifyArgumentError(
      "accountSid",
      describe(name),
      "free of colons (an Account or API Key SID)",
    );
  }
  return name;
}
