// HTTP Basic credentials, added below openapi-fetch's middleware (where retries are too): no
// middleware sees them, and none can send them elsewhere by rewriting the request's URL.

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
