import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { nodeIo, withFiles } from "./io";
import { runCli } from "./run";

const GOLDEN = join(import.meta.dirname, "..", "..", "domain", "test", "golden");
const SCHEME = join(GOLDEN, "scheme-2026.json");
const DATA = join(GOLDEN, "data.json");
const read = (path: string) => readFileSync(path, "utf8");

/** The golden tables carry no notes; everything else must be equal, metrics to 1e-9. */
function expectMatchesGolden(actual: unknown, expected: unknown, path = "$"): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectMatchesGolden((actual as unknown[])[i], e, `${path}[${i}]`);
    });
  } else if (expected !== null && typeof expected === "object") {
    for (const [k, v] of Object.entries(expected))
      expectMatchesGolden((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else if (typeof expected === "number" && !Number.isInteger(expected)) {
    expect(actual as number, path).toBeCloseTo(expected, 9);
  } else {
    expect(actual, path).toBe(expected);
  }
}

describe("the league command", () => {
  it.each(["2026-10", "2026-Q3"])("reproduces the golden table for %s", async (period) => {
    const result = await runCli(["league", "--scheme", SCHEME, "--data", DATA, "--period", period], nodeIo);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = JSON.parse(read(join(GOLDEN, `league-${period}.json`)));
    expectMatchesGolden(JSON.parse(result.stdout), expected);
  });

  it("explains every monthly indicator row with Chinese notes", async () => {
    const table = JSON.parse(
      (await runCli(["league", "--scheme", SCHEME, "--data", DATA, "--period", "2026-10"], nodeIo)).stdout,
    );
    for (const row of table.rows)
      for (const ind of row.indicators) {
        expect(ind.notes.length).toBeGreaterThan(0);
        expect(ind.notes.join("")).toMatch(/[\u4e00-\u9fff]/);
      }
  });

  it("rejects a record with a timestamp without an offset: exit 2, file, record and field on stderr, nothing on stdout", async () => {
    const data = JSON.parse(read(DATA));
    data.disputes[5].closedAt = "2026-02-01T10:00:00";
    const result = await runCli(
      ["league", "--scheme", SCHEME, "--data", "bad.json", "--period", "2026-10"],
      withFiles({ "bad.json": JSON.stringify(data) }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("bad.json");
    expect(result.stderr).toContain(`record ${data.disputes[5].id}`);
    expect(result.stderr).toContain("field closedAt");
  });

  it("rejects a bad period, an unreadable file and malformed JSON with exit 2", async () => {
    const run = (args: string[], io = nodeIo) => runCli(["league", ...args], io);
    expect((await run(["--scheme", SCHEME, "--data", DATA, "--period", "2026-13"])).code).toBe(2);
    const missing = await run(["--scheme", "nope.json", "--data", DATA, "--period", "2026-10"]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("nope.json");
    const broken = await run(
      ["--scheme", SCHEME, "--data", "x.json", "--period", "2026-10"],
      withFiles({ "x.json": "{" }),
    );
    expect(broken.stderr).toContain("x.json: not valid JSON");
  });

  it("prints a readable Chinese table with --format table", async () => {
    const result = await runCli(
      ["league", "--scheme", SCHEME, "--data", DATA, "--period", "2026-10", "--format", "table"],
      nodeIo,
    );
    expect(result.stdout).toContain("名次");
    expect(result.stdout).toContain("西湖乡");
    expect(result.stdout.split("\n").filter((l) => /^\s+\d+\s/.test(l))).toHaveLength(6);
  });

  it("runs as `npm run -s cli` and exits 2 on invalid input with nothing on stdout", async () => {
    const root = join(import.meta.dirname, "..", "..", "..");
    const run = promisify(execFile);
    const ok = await run(
      "npm",
      ["run", "-s", "cli", "--", "league", "--scheme", SCHEME, "--data", DATA, "--period", "2026-Q3"],
      {
        cwd: root,
      },
    );
    expect(JSON.parse(ok.stdout).rows).toHaveLength(6);
    const bad = await run(
      "npm",
      ["run", "-s", "cli", "--", "league", "--scheme", DATA, "--data", DATA, "--period", "2026-10"],
      {
        cwd: root,
      },
    ).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stdout: "" });
    expect(bad.stderr).toContain("data.json");
  });
});
