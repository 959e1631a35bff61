// The Markdown report of spec:sync: each difference under the operation it is in.

const shown = (value) => {
  if (value && typeof value === "object" && "example" in value)
    return `example \`${value.example}\``;
  const text = JSON.stringify(value);
  return `\`${text.length > 100 ? `${text.slice(0, 99)}…` : text}\``;
};

function line({ id, theirs, ours }) {
  if (ours === undefined) return `- ${id}: only in Twilio's (${shown(theirs)})`;
  if (theirs === undefined) return `- ${id}: only in ours (${shown(ours)})`;
  return `- ${id}: Twilio's ${shown(theirs)}, ours ${shown(ours)}`;
}

/** @param {{ differences: import("./compare.mjs").Difference[], unused: string[] }} result */
export function renderSync({ differences, unused }, source) {
  const lines = [`# spec:sync: ${source} → openapi/verify.yaml`, ""];
  if (differences.length === 0) {
    lines.push("In sync: every difference is one openapi/sync-kept.yaml keeps.", "");
  } else {
    lines.push(`${differences.length} difference(s) to review.`, "", ...differences.map(line), "");
  }
  if (unused.length > 0) {
    lines.push("Kept differences that no longer occur (remove them from openapi/sync-kept.yaml):");
    lines.push("", ...unused.map((id) => `- ${id}`), "");
  }
  return lines.join("\n");
}
