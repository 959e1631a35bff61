// What `verify-factors --help` prints. The statuses and factor types come from the spec.
import { FACTOR_STATUSES, FACTOR_TYPES } from "../types.js";

export const USAGE = `Usage: verify-factors list --service-sid VA... --identity ID [options]
       verify-factors audit --service-sid VA... [options]

list: the Factors of one Twilio Verify Entity.
audit: the Factors of many Entities (every Entity of the Service, or those of --identities), one
row per matching factor, many Entities at a time under one shared rate budget.

Options (list):
  --service-sid SID    The Verify Service SID (VA followed by 32 hex digits)
  --identity ID        The Entity's identity (8 to 64 dash-separated alphanumerics)
  --limit N            List at most N factors
  --page-size N        Factors per request, 1 to 1000 (Twilio's default: 50)
  --page N             Start at this page index (with --page-token, to resume)
  --page-token T       Start at this page token (to resume)
  -o, --output FORMAT  table (default on a terminal), json, ndjson (default otherwise) or tsv
  --properties LIST    Comma-separated fields to show (default: sid,friendly_name,status,factor_type)
  --base-url URL       Where to send requests (default: $VERIFY_BASE_URL, else https://verify.twilio.com)
Options (audit; also --page-size, --output, --properties, --base-url):
  --identities FILE    Audit these identities, one a line (- for stdin); default: every Entity
  --status S           Only factors with this status: ${FACTOR_STATUSES.join(" or ")}
  --factor-type T      Only factors of these types: ${FACTOR_TYPES.join(", ")} (repeatable, or a,b)
  --concurrency N      Entities audited at once, 1 to 1000 (default 10)
  --out FILE           Write the rows to FILE instead of stdout (as ndjson unless --output)
  --checkpoint FILE    With --out: record progress, so the same command run again after a
                       crash or kill goes on where it stopped, no row missing or twice
  --summary FILE       Write the counts as JSON: entities, withVerified, onlyUnverified,
                       noFactors, failed, and factors by type and status
  --failed FILE        Write the identities that failed, one a line (to give back as --identities)
  --report FILE.html   Write a report to open in a browser: the counts, a chart of factors by type
                       and status, Entities with no factors, failures and stale unverified factors
  --stale-days N       With --report: unverified factors created more than N days ago are stale
                       (default 7)
Options (both):
  --header 'N: V'      Send this header with every request (repeatable), e.g. 'Prefer: code=404'
  --log-level LEVEL    What to tell on stderr: off, error, warn (default), info (each retry) or
                       debug (each request, with its status, time and request id)
  -h, --help           Show this help
  -v, --version        Show the version

Environment:
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN     Credentials: an Account SID and its Auth Token,
  TWILIO_API_KEY and TWILIO_API_SECRET         or an API Key SID (SK...) and its secret (used first)
  VERIFY_BASE_URL                              Where to send requests, when --base-url is not given
  VERIFY_FACTORS_LOG                           The log level, when --log-level is not given
Credentials come from the environment only, never from flags.

Exit codes: 0 listed, 1 API or network error (audit: an Entity failed) or output not
written, 2 usage error, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.`;
