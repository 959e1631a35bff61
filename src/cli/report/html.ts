// The audit's report: one HTML file that opens from disk with no network at all. Tables are
// written out here, so they read without scripts; the one script draws the chart from data
// embedded as JSON. Everything from the server is escaped.
import type { Coverage } from "../commands/audit-summary.js";
import { DAY_MS, type Bounded, type Findings } from "../commands/audit-findings.js";
import type { ChartLibrary } from "./chart-library.js";
import { chartData } from "./chart-data.js";
import { textOf } from "../../shown.js";

export interface ReportInput {
  serviceSid: string;
  coverage: Coverage;
  /** Entities an earlier run of a resumed audit counted; the lists cover this run only. */
  before: number;
  findings: Findings;
}

const escape = (text: unknown) =>
  (text === null || text === undefined ? "" : textOf(text)).replace(
    /[&<>"']/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
/** JSON inside a script element: `<` escaped, so no string in it can close the element. */
const embedded = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function table<T>(
  id: string,
  title: string,
  list: Bounded<T>,
  heads: string[],
  row: (item: T) => unknown[],
) {
  const shown =
    list.total > list.items.length ? ` (the first ${list.items.length} of ${list.total})` : "";
  const body = list.items
    .map(
      (item) =>
        `<tr>${row(item)
          .map((cell) => `<td>${escape(cell)}</td>`)
          .join("")}</tr>`,
    )
    .join("\n");
  return `<section id="${id}"><h2>${escape(title)}: <span class="count">${list.total}</span>${shown}</h2>
${list.total === 0 ? "<p>None.</p>" : `<table><thead><tr>${heads.map((h) => `<th>${escape(h)}</th>`).join("")}</tr></thead><tbody>\n${body}\n</tbody></table>`}</section>`;
}

export function reportHtml(
  { serviceSid, coverage, before, findings }: ReportInput,
  library: ChartLibrary,
) {
  const { now, staleDays } = findings;
  const counts: [string, string, number][] = [
    ["entities", "Entities audited", coverage.entities],
    ["withVerified", "with a verified factor", coverage.withVerified],
    ["onlyUnverified", "with only unverified factors", coverage.onlyUnverified],
    ["noFactors", "with no factors", coverage.noFactors],
    ["failed", "failed", coverage.failed],
  ];
  const resumed =
    before > 0
      ? `<p class="note">A resumed audit: the counts cover all ${coverage.entities} Entities (${before} before this run); the lists below cover this run's ${coverage.entities - before}.</p>`
      : "";
  const undated =
    findings.undated > 0
      ? `<p class="note">${plural(findings.undated, "unverified factor")} had no readable date_created and could not be aged.</p>`
      : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Factor audit of ${escape(serviceSid)}</title>
<style>${library.style}</style>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta, .note { color: #555; } .cards { display: flex; flex-wrap: wrap; gap: 0.75rem; padding: 0; }
.cards li { list-style: none; border: 1px solid #ddd; border-radius: 8px; padding: 0.6rem 1rem; min-width: 9rem; }
.cards .n { display: block; font-size: 1.6rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; } th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #eee; }
.legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: middle; }
.status-verified .ct-bar { stroke: #2e7d32; } .legend .status-verified i { background: #2e7d32; }
.status-unverified .ct-bar { stroke: #f9a825; } .legend .status-unverified i { background: #f9a825; }
.ct-bar { stroke: #6d4c41; stroke-width: 36px; } .legend i { background: #6d4c41; }
</style>
</head>
<body>
<h1>Factor audit of Service ${escape(serviceSid)}</h1>
<p class="meta">Written ${escape(now.toISOString())} by verify-factors. Unverified factors created more than ${plural(staleDays, "day")} before are stale.</p>
${resumed}
<ul class="cards" id="coverage">${counts.map(([key, label, n]) => `<li data-key="${key}"><span class="n">${n}</span>${escape(label)}</li>`).join("")}</ul>
<section id="factors"><h2>Factors by type and status: <span class="count">${coverage.factors.total}</span></h2>
<div class="legend" id="legend"></div>
<div id="factors-chart" class="ct-chart"></div></section>
${table("no-factors", "Entities with no factors", findings.noFactors, ["identity"], (identity) => [identity])}
${table("failures", "Entities that failed", findings.failures, ["identity", "error"], (f) => [f.identity || "(not a string)", f.message])}
${table("stale", `Unverified factors older than ${plural(staleDays, "day")}`, findings.stale, ["identity", "sid", "type", "friendly name", "created", "age (days)"], (f) => [f.identity, f.sid, f.factor_type, f.friendly_name, f.date_created, Math.round((now.getTime() - Date.parse(f.date_created)) / DAY_MS)])}
${undated}
<script type="application/json" id="chart-data">${embedded(chartData(coverage))}</script>
<script>
/*! chartist, under the MIT licence:
${library.licence.replace(/\*\//g, "* /")}
*/
${library.script}
</script>
<script>
const data = JSON.parse(document.getElementById("chart-data").textContent);
document.getElementById("legend").innerHTML = data.series
  .map((s) => '<span class="' + s.className + '"><i></i>' + s.name.replace(/[&<>]/g, "") + "</span>")
  .join("");
if (data.labels.length > 0)
  new Chartist.BarChart("#factors-chart", data, { stackBars: true, height: "260px", axisY: { onlyInteger: true } });
</script>
</body>
</html>
`;
}
