import { VerifyArgumentError } from "./errors.js";

export const SERVICE_SID = /^VA[0-9a-fA-F]{32}$/;
// The reference: 8 to 64 characters, "dash (-) separated alphanumeric characters".
export const IDENTITY = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;

function describe(value: unknown): string {
  if (typeof value === "string") return `is ${JSON.stringify(value)} (${value.length} characters)`;
  if (typeof value === "number") return `is ${value}`;
  return `is ${value === null ? "null" : typeof value}`;
}

export function checkObject<T>(name: string, value: T): T {
  if (typeof value !== "object" || value === null) {
    throw new VerifyArgumentError(name, describe(value), "an object");
  }
  return value;
}

export function checkString(name: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new VerifyArgumentError(name, describe(value), "a non-empty string");
  }
  return value;
}

export function checkPattern(name: string, value: unknown, pattern: RegExp, rule: string): string {
  if (typeof value !== "string" || !pattern.test(value)) {
    throw new VerifyArgumentError(name, describe(value), `${rule} (${pattern.source})`);
  }
  return value;
}

export function checkIdentity(value: unknown): string {
  const rule = "8 to 64 dash-separated alphanumeric characters";
  if (typeof value === "string" && (value.length < 8 || value.length > 64)) {
    throw new VerifyArgumentError("identity", describe(value), rule);
  }
  return checkPattern("identity", value, IDENTITY, rule);
}

export function checkInteger(name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
    throw new VerifyArgumentError(name, describe(value), `an integer ${range}`);
  }
  return value;
}

export function checkOptional<T>(value: T | undefined, check: (value: T) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

export function checkBaseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new VerifyArgumentError("baseUrl", describe(value), "an absolute http(s) URL");
  }
  return url.href.replace(/\/+$/, "");
}
