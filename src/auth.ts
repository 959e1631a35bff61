import type { Middleware } from "openapi-fetch";

function base64(text: string): string {
  // btoa takes Latin-1 only; credentials are UTF-8 on the wire.
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * HTTP Basic credentials, sent to `baseUrl`'s origin and nowhere else: a request aimed at any
 * other origin (a per-call `baseUrl`, say) goes without them.
 */
export function basicAuth(baseUrl: string, username: string, password: string): Middleware {
  const origin = new URL(baseUrl).origin;
  const authorization = `Basic ${base64(`${username}:${password}`)}`;
  return {
    onRequest({ request }) {
      if (new URL(request.url).origin === origin) {
        request.headers.set("Authorization", authorization);
      } else {
        request.headers.delete("Authorization");
      }
      return request;
    },
  };
}

/** Headers of the caller's own on every request; registered before `basicAuth`, which wins. */
export function fixedHeaders(headers: Headers): Middleware {
  return {
    onRequest({ request }) {
      for (const [name, value] of headers) request.headers.set(name, value);
      return request;
    },
  };
}
