import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { specDiff } from "../../scripts/spec-diff.mjs";
import { Capture } from "../support/capture.js";
import { loadSpec, root, type Json } from "../support/spec.js";
import { tempDir } from "../support/temp-dir.js";

const base = () => loadSpec(resolve(root, "test/support/fixtures/spec-diff/base.yaml"));
const operation = (spec: Json) => spec.paths["/v2/Things"].get;
const thing = (spec: Json) => spec.components.schemas.Thing;

/** `spec:diff` in this process, run in `cwd`. */
async function run(args: string[], cwd: string) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await specDiff(args, { cwd, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A directory with `old.yaml` and `new.yaml`: the fixture after `editOld`, then also `edit`. */
function pair(edit: (spec: Json) => void, editOld: (spec: Json) => void = () => {}): string {
  const dir = tempDir("spec-diff-");
  const before = base();
  editOld(before);
  const after = structuredClone(before);
  edit(after);
  writeFileSync(join(dir, "old.yaml"), stringify(before));
  writeFileSync(join(dir, "new.yaml"), stringify(after));
  return dir;
}

const compare = (edit: (spec: Json) => void) => run(["old.yaml", "new.yaml"], pair(edit));

/** The report's lines under one heading. */
function section(report: string, title: string): string[] {
  const [, after = ""] = report.split(`## ${title}\n\n`);
  return after
    .split("\n\n## ")[0]!
    .split("\n")
    .filter((line) => line.startsWith("- "));
}

describe("spec:diff classifies each change for code that uses this package", () => {
  it("PageSize maximum 1000 → 500 narrows a request constraint: breaking, exit 1", async () => {
    const { code, stdout } = await compare(
      (s) => (operation(s).parameters[0].schema.maximum = 500),
    );
    expect(code).toBe(1);
    expect(section(stdout, "Breaking")).toEqual([
      "- `GET /v2/Things`: [Replaced] maximum validator in query parameter `PageSize`: `1000` → `500`",
    ]);
  });

  it("PageSize maximum 1000 → 2000 widens it: non-breaking, exit 0", async () => {
    const { code, stdout } = await compare(
      (s) => (operation(s).parameters[0].schema.maximum = 2000),
    );
    expect(code).toBe(0);
    expect(section(stdout, "Non-breaking")).toHaveLength(1);
    expect(stdout).not.toMatch(/## Breaking/);
  });

  it("a response enum that gains a value is breaking, and says why", async () => {
    const { code, stdout } = await compare((s) => thing(s).properties.kind.enum.push("passkeys"));
    expect(code).toBe(1);
    const [line, ...rest] = section(stdout, "Breaking");
    expect(rest).toEqual([]);
    expect(line).toMatch(/possible values of `things\[\]\.kind` in Response 200.*added `passkeys`/);
    expect(stdout).toMatch(/the 200 response may now hold a value its old type did not allow/);
  });

  it("a response field removed is breaking", async () => {
    const { code, stdout } = await compare((s) => delete thing(s).properties.friendly_name);
    expect(code).toBe(1);
    expect(section(stdout, "Breaking")).toEqual([
      expect.stringMatching(/\[Removed\] property `friendly_name` from `things\[\]`/),
    ]);
  });

  it("a response field retyped is breaking, though the old parser would still read it", async () => {
    const { code, stdout } = await compare(
      (s) => (thing(s).properties.sid.type = ["string", "null"]),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/the 200 response may now hold a value its old type did not allow/);
  });

  it("a description edit is docs only, exit 0", async () => {
    const { code, stdout } = await compare(
      (s) => (thing(s).properties.sid.description = "The unique SID of the thing."),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 breaking, 0 non-breaking, 1 docs only\.$/m);
    expect(section(stdout, "Docs only")).toEqual([
      "- `GET /v2/Things`: [Replaced] annotation (description) of `things[].sid` in Response 200 content (application/json): `The SID of the thing.` → `The unique SID of the thing.`",
    ]);
  });

  it("a code sample (an x- extension) changed or added is docs only, exit 0", async () => {
    const sample = (source: string) => (s: Json) => {
      s.paths["/v2/Things"].get["x-codeSamples"] = [{ lang: "Shell", source }];
    };
    const dir = pair(
      sample("curl --get https://example.invalid"),
      sample("curl https://example.invalid"),
    );
    const { code, stdout } = await run(["old.yaml", "new.yaml"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 breaking, 0 non-breaking, 1 docs only\.$/m);
  });

  it("an optional query parameter added is non-breaking; a required one is breaking", async () => {
    const param = { name: "Status", in: "query", schema: { type: "string" } };
    const optional = await compare((s) => operation(s).parameters.push(param));
    expect(optional.code).toBe(0);
    expect(section(optional.stdout, "Non-breaking")).toEqual([
      expect.stringMatching(/^- `GET \/v2\/Things`: \[Added\] query parameter `Status`/),
    ]);
    const required = await compare((s) =>
      operation(s).parameters.push({ ...param, required: true }),
    );
    expect(required.code).toBe(1);
  });

  it("a response that may carry unlisted properties is non-breaking", async () => {
    const { code, stdout } = await compare(
      (s) => (s.components.schemas.ThingList.additionalProperties = true),
    );
    expect(code).toBe(0);
    expect(section(stdout, "Non-breaking")).toHaveLength(1);
  });

  it("a response field that may take a new shape is breaking", async () => {
    const nullable = (s: Json) => (thing(s).properties.config = { anyOf: [{ type: "null" }] });
    const shape = { type: "object", properties: { rp: { type: "string" } } };
    const dir = pair((s) => {
      nullable(s);
      thing(s).properties.config.anyOf.push(shape);
    }, nullable);
    const { code, stdout } = await run(["old.yaml", "new.yaml"], dir);
    expect(code).toBe(1);
    expect(section(stdout, "Breaking")).toEqual([
      expect.stringMatching(/\[Added\] anyOf schema to `things\[\]\.config`/),
    ]);
    expect(stdout).toMatch(/the 200 response may now hold a value its old type did not allow/);
  });

  it("prose anywhere (the info, an operation's summary, a schema's title) is docs only", async () => {
    const { code, stdout } = await compare((s) => {
      s.info.description = "Things, listed.";
      operation(s).summary = "List things.";
      s.components.schemas.ThingList.title = "A page of things";
    });
    expect(code).toBe(0);
    expect(section(stdout, "Docs only")).toHaveLength(3);
  });

  it("matches operations by method and path: a new operationId is that operation's, renamed", async () => {
    // The package exports `operations`, keyed by operationId: code may name operations["listThings"].
    const { code, stdout } = await compare((s) => (operation(s).operationId = "ListThing"));
    expect(code).toBe(1);
    expect(section(stdout, "Breaking")).toEqual([
      "- `GET /v2/Things`: [Replaced] annotation (operationId): `listThings` → `ListThing`",
    ]);
    expect(stdout).toContain('(code that names `operations["listThings"]` stops compiling)');
    expect(stdout).toMatch(/^1 breaking, 0 non-breaking, 0 docs only\.$/m);
  });

  it("an operationId given where there was none is non-breaking", async () => {
    const { code, stdout } = await run(
      ["old.yaml", "new.yaml"],
      pair(
        (s) => (operation(s).operationId = "listThings"),
        (s) => delete operation(s).operationId,
      ),
    );
    expect([code, section(stdout, "Non-breaking")]).toEqual([
      0,
      ["- `GET /v2/Things`: [Added] annotation (operationId): added `listThings`"],
    ]);
  });

  it("a schema renamed is breaking, though every operation's types stay the same", async () => {
    // The package exports `components`: code may name components["schemas"]["Thing"] itself.
    const { code, stdout } = await compare((s) => {
      s.components.schemas.Item = thing(s);
      delete s.components.schemas.Thing;
      s.components.schemas.ThingList.properties.things.items.$ref = "#/components/schemas/Item";
    });
    expect(code).toBe(1);
    expect(section(stdout, "Breaking")).toEqual([
      "- `components.schemas.Thing`: [Removed] a component the generated types export by name",
    ]);
    expect(stdout).toContain('(code that names `components["schemas"]["Thing"]` stops compiling)');
    expect(section(stdout, "Non-breaking")).toEqual([
      "- `components.schemas.Item`: [Added] a component the generated types export by name",
    ]);
  });

  it("a component no operation uses, added or removed, is reported too", async () => {
    const unused = { type: "object", properties: { note: { type: "string" } } };
    const added = await compare((s) => (s.components.schemas.Note = unused));
    expect([added.code, section(added.stdout, "Non-breaking")]).toEqual([
      0,
      ["- `components.schemas.Note`: [Added] a component the generated types export by name"],
    ]);
    const removed = await run(
      ["old.yaml", "new.yaml"],
      pair(
        (s) => delete s.components.schemas.Note,
        (s) => (s.components.schemas.Note = unused),
      ),
    );
    expect([removed.code, section(removed.stdout, "Breaking")]).toEqual([
      1,
      ["- `components.schemas.Note`: [Removed] a component the generated types export by name"],
    ]);
  });

  it("says so when nothing changed", async () => {
    const { code, stdout } = await compare(() => {});
    expect(code).toBe(0);
    expect(stdout).toBe("# Spec changes: old.yaml → new.yaml\n\nNo changes.\n");
  });
});

describe("spec:diff reads git:REF", () => {
  function repo(): string {
    const dir = tempDir("spec-diff-git-");
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: dir, stdio: "pipe", encoding: "utf8" });
    git("init", "-q");
    git("config", "user.email", "spec-diff@example.invalid");
    git("config", "user.name", "spec-diff test");
    mkdirSync(join(dir, "openapi"));
    const spec = base();
    writeFileSync(join(dir, "openapi/verify.yaml"), stringify(spec));
    git("add", ".");
    git("commit", "-qm", "base");
    git("tag", "v1");
    thing(spec).properties.kind.enum.push("passkeys");
    writeFileSync(join(dir, "openapi/verify.yaml"), stringify(spec));
    git("commit", "-qam", "passkeys");
    operation(spec).description = "Lists the things.";
    writeFileSync(join(dir, "openapi/verify.yaml"), stringify(spec));
    return dir;
  }

  it("compares a ref with the spec on disk, NEW left out", async () => {
    const dir = repo();
    const fromHead = await run(["git:HEAD"], dir);
    expect(fromHead.code).toBe(0);
    expect(fromHead.stdout).toMatch(/^# Spec changes: git:HEAD → openapi\/verify\.yaml$/m);
    expect(fromHead.stdout).toMatch(/0 breaking, 0 non-breaking, 1 docs only/);
  });

  it("compares two refs, tags and relative refs alike", async () => {
    const dir = repo();
    const { code, stdout } = await run(["git:v1", "git:HEAD"], dir);
    expect(code).toBe(1);
    expect(section(stdout, "Breaking")).toEqual([expect.stringMatching(/added `passkeys`/)]);
    expect((await run(["git:HEAD~1", "git:HEAD~1"], dir)).stdout).toMatch(/No changes/);
  });

  it("reads this repository's own history: the passkeys change is breaking", async () => {
    // The commits just before and with the passkeys change (CHANGELOG.md, Unreleased).
    const BEFORE_PASSKEYS = "2f22477613f4034e0df04b2ea79ebf8471e2feff";
    const PASSKEYS = "cd0dfdb8594a7bedfb0ea4785e18f30c11d6a753";
    const result = await run([`git:${BEFORE_PASSKEYS}`, `git:${PASSKEYS}`], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(section(result.stdout, "Breaking")).toContainEqual(
      expect.stringMatching(/possible values of `factors\[\]\.factor_type`.*added `passkeys`/),
    );
  });

  it("a ref that reads as a git option is refused, and git is never given it", async () => {
    const dir = tempDir("spec-diff-option-");
    const written = join(dir, "written");
    mkdirSync(`${written}:openapi`);
    const { code, stderr } = await run([`git:--output=${written}`], repo());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^spec:diff: git:--output=.*: a ref cannot start with "-"/);
    expect(readdirSync(`${written}:openapi`)).toStrictEqual([]);
  });

  it("a bad ref is a usage error that names it", async () => {
    const { code, stdout, stderr } = await run(["git:no-such-ref"], repo());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^spec:diff: git:no-such-ref: no openapi\/verify\.yaml at that ref/);
  });
});

describe("spec:diff refuses what it cannot compare, exit 2", () => {
  const dir = pair(() => {});
  writeFileSync(join(dir, "notes.yaml"), "title: not a spec\n");
  writeFileSync(join(dir, "broken.yaml"), "openapi: [3.1.0\n");
  // `typeof null` is "object": without its own check, every operation's removal was non-breaking.
  writeFileSync(
    join(dir, "null-paths.yaml"),
    "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths:\n",
  );
  writeFileSync(
    join(dir, "list-paths.yaml"),
    "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: []\n",
  );

  it.each([
    [[], /OLD is missing/],
    [["old.yaml", "new.yaml", "more.yaml"], /expected OLD and at most NEW, got 3 arguments/],
    [["missing.yaml"], /missing\.yaml: cannot read it \(no such file\)/],
    [["old.yaml", "missing.yaml"], /missing\.yaml: cannot read it \(no such file\)/],
    [["notes.yaml", "new.yaml"], /notes\.yaml: not an OpenAPI 3\.0 or 3\.1 description/],
    [["broken.yaml", "new.yaml"], /broken\.yaml: not YAML or JSON/],
    [["old.yaml", "null-paths.yaml"], /null-paths\.yaml: not an OpenAPI 3\.0 or 3\.1 description/],
    [["list-paths.yaml", "new.yaml"], /list-paths\.yaml: not an OpenAPI 3\.0 or 3\.1 description/],
    [["git:", "new.yaml"], /"git:" needs a ref after it/],
    [["/dev/zero", "new.yaml"], /^spec:diff: \/dev\/zero: larger than 64 MiB; not read$/m],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("%j", async (args, message) => {
    const { code, stdout, stderr } = await run(args, dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/npm run spec:diff -- --help/);
  });

  it.each(["old", "new"])(
    "a %s spec with a $ref to nowhere: no types, so nothing to compare; the file named",
    async (side) => {
      const dangling = (spec: Json) => {
        spec.components.schemas.Thing = { $ref: "#/components/schemas/Nowhere" };
      };
      const mended = (spec: Json) => {
        spec.components.schemas.Thing = thing(base());
      };
      const dir = side === "old" ? pair(mended, dangling) : pair(dangling);
      const { code, stdout, stderr } = await run(["old.yaml", "new.yaml"], dir);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      // openapi-typescript prints each problem it finds itself; the message names the last.
      expect(stderr).toMatch(
        new RegExp(
          `^spec:diff: ${side}\\.yaml: no types can be generated from it \\(Can't resolve \\$ref at #/components/schemas/Thing`,
        ),
      );
    },
  );

  it("--help prints the usage, exit 0", async () => {
    const { code, stdout } = await run(["--help"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run spec:diff -- OLD \[NEW\]/);
  });
});

describe("npm run spec:diff", () => {
  it("runs the script with its exit code, the project's spec as NEW", async () => {
    const dir = pair(() => {});
    const result = spawnSync("npm", ["run", "-s", "spec:diff", "--", join(dir, "old.yaml")], {
      cwd: root,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/→ openapi\/verify\.yaml/);
    expect(result.stdout).toMatch(/\[Removed\] operation GET \/v2\/Things/);
  });
});

describe("spec:diff judges as the compiler does, on Twilio's own history", () => {
  // Consecutive versions of twilio-oai's description, cut down to the two operations.
  const history = join(import.meta.dirname, "../support/fixtures/spec-diff/twilio-oai");

  it.each([
    ["2024-06-06", "2024-06-18", "security restated at the top", 0],
    ["2024-10-03", "2025-02-20", "format: int64 added to PageSize", 0],
    ["2025-03-11", "2025-03-20", "type and nullable beside each $ref removed", 0],
    ["2025-07-03", "2025-08-18", "passkeys added to factor_type", 1],
  ])("%s → %s (%s): %i breaking", async (from, to, _what, breaking) => {
    const { code, stdout } = await run([`${from}.yaml`, `${to}.yaml`], history);
    expect(stdout).toMatch(new RegExp(`^${breaking} breaking, `, "m"));
    expect(code).toBe(breaking > 0 ? 1 : 0);
  });

  it("names what the passkeys change breaks, once for the operation that answers it", async () => {
    const { stdout } = await run(["2025-07-03.yaml", "2025-08-18.yaml"], history);
    expect(section(stdout, "Breaking")).toStrictEqual([
      expect.stringMatching(
        /^- `GET \/v2\/Services\/\{ServiceSid\}\/Entities\/\{Identity\}\/Factors`: .*`factors\[\]\.factor_type`.*passkeys/,
      ),
    ]);
  });
});

describe("spec:diff on edits of this repository's spec", () => {
  const ours = (edit: (spec: Json) => void) => {
    const dir = tempDir("spec-diff-ours-");
    const before = loadSpec();
    const after = structuredClone(before);
    edit(after);
    writeFileSync(join(dir, "old.yaml"), stringify(before));
    writeFileSync(join(dir, "new.yaml"), stringify(after));
    return run(["old.yaml", "new.yaml"], dir);
  };

  it("a description beside a $ref removed is docs only", async () => {
    const { code, stdout } = await ours(
      (s) => delete s.components.schemas.Factor.properties.status.description,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 breaking, 0 non-breaking, \d+ docs only\.$/m);
  });

  it("a 5XX response body changed is reported for each operation that answers it", async () => {
    const { code, stdout } = await ours((s) => {
      s.components.responses.ServerError.content["application/json"].schema = {
        type: "object",
        properties: { message: { type: "string" } },
      };
    });
    expect(code).toBe(1);
    const [line] = section(stdout, "Breaking");
    expect(line).toContain("`GET /v2/Services/{ServiceSid}/Entities`");
    expect(line).toContain("`GET /v2/Services/{ServiceSid}/Entities/{Identity}/Factors`");
    expect(stdout).toMatch(/the 5XX response loses/);
  });

  it("the same edit to a 4XX and the 5XX response is reported for each, worded as a response's", async () => {
    const { code, stdout } = await ours((s) => {
      for (const name of ["NotFound", "ServerError"]) {
        s.components.responses[name].content["application/json"].example = { code: 1 };
      }
    });
    expect(code).toBe(0);
    const lines = section(stdout, "Docs only").filter((line) => line.includes("example"));
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).toMatch(/Response 404 content/);
    expect(lines.join("\n")).toMatch(/response 5XX/);
    expect(stdout).not.toMatch(/Request Body/);
  });

  it("a parameter both operations share, changed once, is reported once with its name", async () => {
    const { stdout } = await ours((s) => (s.components.parameters.PageSize.schema.maximum = 500));
    const lines = section(stdout, "Breaking");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/`GET [^`]+Entities`, `GET [^`]+Factors`: .*`PageSize`/);
  });
});

describe("spec:diff labels the spec's examples as responses", () => {
  it("a response example changed is docs only, named as a response example", async () => {
    const dir = tempDir("spec-diff-example-");
    const before = loadSpec();
    const after = structuredClone(before);
    const [name] = Object.keys(after.components.examples);
    after.components.examples[name!].summary = "Another summary";
    writeFileSync(join(dir, "old.yaml"), stringify(before));
    writeFileSync(join(dir, "new.yaml"), stringify(after));
    const { code, stdout } = await run(["old.yaml", "new.yaml"], dir);
    expect(code).toBe(0);
    expect(section(stdout, "Docs only")).toStrictEqual([
      expect.stringContaining(`[replace] response example \`${name}\` (summary)`),
    ]);
  });
});
