// The Markdown report of a comparison: breaking changes first, then non-breaking, then docs only.

const GROUPS = [
  ["breaking", "Breaking"],
  ["non-breaking", "Non-breaking"],
  ["docs", "Docs only"],
];

const MAX_VALUE = 80;

/** A value as inline code, cut short when long; backticks inside never end the span early. */
function code(value) {
  // One line: a multi-line description would break the list item it is quoted in.
  let text = (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " ");
  if (text.length > MAX_VALUE) text = `${text.slice(0, MAX_VALUE - 1)}…`;
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`;
}

function values({ before, after }) {
  if (before !== undefined && after !== undefined) return `: ${code(before)} → ${code(after)}`;
  if (after !== undefined) return `: added ${code(after)}`;
  if (before !== undefined) return `: removed ${code(before)}`;
  return "";
}

/** @param {import("./classify.mjs").Change[]} changes */
export function renderReport(changes, { before, after }) {
  const lines = [`# Spec changes: ${before} → ${after}`, ""];
  const counts = GROUPS.map(([kind, title]) => [
    title,
    changes.filter((c) => c.kind === kind).length,
  ]);
  if (changes.length === 0) return [...lines, "No changes.", ""].join("\n");
  lines.push(counts.map(([title, n]) => `${n} ${title.toLowerCase()}`).join(", ") + ".", "");
  for (const [kind, title] of GROUPS) {
    const group = changes.filter((c) => c.kind === kind);
    if (group.length === 0) continue;
    lines.push(`## ${title}`, "");
    for (const change of group) {
      lines.push(`- ${change.where.map(code).join(", ")}: ${change.what}${values(change)}`);
      if (change.why) lines.push(`  (${change.why})`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
