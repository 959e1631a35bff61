// Credentials come from the environment only, never from flags that land in shell history.
import { UsageError } from "./usage-error.js";

/** The credentials, and the names of the two variables they came from (for messages). */
export interface Credentials {
  accountSid: string;
  authToken: string;
  from: [user: string, password: string];
}

/**
 * Credentials from the environment: an API Key and its secret when set (Verify's paths need no
 * Account SID), else the Account SID and its Auth Token.
 */
export function credentials(env: Record<string, string | undefined>): Credentials {
  // Trimmed: a line copied from a CRLF .env file ends in "\r", and no SID or secret has a space.
  const read = (name: string) => env[name]?.trim() || undefined;
  const [TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY, TWILIO_API_SECRET] = [
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY",
    "TWILIO_API_SECRET",
  ].map(read);
  if (TWILIO_API_KEY || TWILIO_API_SECRET) {
    if (!TWILIO_API_KEY || !TWILIO_API_SECRET) {
      throw new UsageError("set both TWILIO_API_KEY and TWILIO_API_SECRET, or neither");
    }
    return {
      accountSid: TWILIO_API_KEY,
      authToken: TWILIO_API_SECRET,
      from: ["TWILIO_API_KEY", "TWILIO_API_SECRET"],
    };
  }
  if (!TWILIO_ACCOUNT_SID || !TWILIO_AUTH_TOKEN) {
    const missing = !TWILIO_ACCOUNT_SID ? "TWILIO_ACCOUNT_SID" : "TWILIO_AUTH_TOKEN";
    throw new UsageError(
      `${missing} is not set: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET`,
    );
  }
  return {
    accountSid: TWILIO_ACCOUNT_SID,
    authToken: TWILIO_AUTH_TOKEN,
    from: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"],
  };
}
