import { readFileSync } from "node:fs";
import { join } from "node:path";
import { computeLeagueTable, type Data, parseScheme } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { withFiles } from "./io";
import { runCli } from "./run";

const GOLDEN = join(import.meta.dirname, "..", "..", "domain", "test", "golden");
const data = (): Data => JSON.parse(readFileSync(join(GOLDEN, "data.json"), "utf8"));
const schemeJson = JSON.parse(readFileSync(join(GOLDEN, "scheme-2026.json"), "utf8"));

/** A bundle as scoring.md §9 defines it, built from the golden data by the engine. */
const PUBLISHED_AT = "2026-11-05T02:00:00.000Z";
const scheme = () => {
  const parsed = parseScheme(schemeJson);
  if (!parsed.ok) throw new Error("golden scheme");
  return parsed.value;
};
/** Scored as the API publishes: as of the moment of publishing. */
function bundle(period: string, d = data()) {
  return {
    format: "pingan-verify/1",
    countyId: d.county.id,
    period,
    version: 1,
    publishedAt: PUBLISHED_AT,
    scheme: schemeJson,
    data: d,
    table: JSON.parse(
      JSON.stringify(computeLeagueTable(scheme(), d, period, { asOf: Date.parse(PUBLISHED_AT) })),
    ),
  };
}
const verify = (b: unknown) =>
  runCli(["verify", "--bundle", "b.json"], withFiles({ "b.json": JSON.stringify(b) }));

describe("verify --bundle (scoring.md §9)", () => {
  it.each(["2026-10", "2026-Q3"])(
    "confirms a bundle of the golden data for %s: exit 0 with the count",
    async (period) => {
      const result = await verify(bundle(period));
      expect(result).toEqual({
        code: 0,
        stdout: `核验一致：示范县7 ${period} 第 1 版，6 个乡镇的名次、得分与等次均与重新计分的结果相同\n`,
        stderr: "",
      });
    },
  );

  it("re-scores as of the bundle's publishedAt: an open dispute whose deadline had not passed is not overdue", async () => {
    // Only a table published before its period ended can tell: a blue dispute of 15 October, open on the
    // 20th, is not yet overdue (its 7 days end on the 22nd); scored as a finished record, it is.
    const d = data();
    d.disputes = [
      ...(d.disputes ?? []),
      {
        id: "open1",
        townshipId: "t7-001",
        level: "blue",
        reportedAt: "2026-10-15T09:00:00+08:00",
        attempts: 1,
      },
    ];
    const early = "2026-10-20T09:00:00+08:00";
    const b = {
      ...bundle("2026-10", d),
      publishedAt: early,
      table: JSON.parse(
        JSON.stringify(computeLeagueTable(scheme(), d, "2026-10", { asOf: Date.parse(early) })),
      ),
    };
    // The test means something only if scoring without asOf changes the table.
    expect(JSON.stringify(computeLeagueTable(scheme(), d, "2026-10"))).not.toBe(JSON.stringify(b.table));
    expect((await verify(b)).code).toBe(0);
    expect((await verify({ ...b, publishedAt: "2027-01-01T00:00:00Z" })).code).toBe(1);
    expect((await verify({ ...b, publishedAt: "2027-01-01T00:00:00Z", asOf: early })).code).toBe(0);
    expect((await verify({ ...b, publishedAt: "2026-11-05 10:00" })).stderr).toContain("field publishedAt");
  });

  it("fails when one record of the data was changed, naming the township and field, expected against found", async () => {
    const b = bundle("2026-10");
    // One more major criminal case in 西湖乡 (t7-004) in October: its score changes, the table does not.
    b.data.incidents = [
      ...(b.data.incidents ?? []),
      {
        id: "x1",
        townshipId: "t7-004",
        occurredAt: "2026-10-10T10:00:00+08:00",
        kind: "criminal",
        severity: "major",
      },
    ];
    const result = await verify(b);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^核验不一致：示范县7 2026-10 第 1 版，\d+ 处与重新计分的结果不同/);
    expect(lines.some((l) => /^乡镇 西湖乡（t7-004）「total」：应为 [\d.]+，实为 89\.89$/.test(l))).toBe(
      true,
    );
    expect(lines.slice(1).every((l) => l.startsWith("乡镇 "))).toBe(true);
  });

  it("fails when the table was edited, naming exactly that field", async () => {
    const b = bundle("2026-10");
    const row = b.table.rows.find((r: { townshipId: string }) => r.townshipId === "t7-002");
    row.indicators[1].score += 1;
    const result = await verify(b);
    expect(result.code).toBe(1);
    const expected = row.indicators[1].score - 1;
    expect(result.stdout.trim().split("\n").slice(1)).toEqual([
      `乡镇 七里镇（t7-002）「${row.indicators[1].code}.score」：应为 ${expected}，实为 ${expected + 1}`,
    ]);
  });

  it("exits 2 on an invalid bundle, naming the file and field, with nothing on stdout", async () => {
    const cases: [unknown, string][] = [
      [{ ...bundle("2026-10"), format: "x" }, "b.json: field format"],
      [{ ...bundle("2026-10"), period: "2026-13" }, "b.json: field period"],
      [{ ...bundle("2026-10"), table: null }, "b.json: field table"],
      [{ ...bundle("2026-10"), scheme: { ...schemeJson, bonusCap: -1 } }, "b.json: scheme"],
    ];
    const b = bundle("2026-10");
    (b.data.disputes as { closedAt?: string }[])[0] = { ...b.data.disputes?.[0], closedAt: "yesterday" };
    cases.push([b, "field closedAt"]);
    for (const [input, message] of cases) {
      const result = await verify(input);
      expect(result.code, message).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(message);
    }
    const broken = await runCli(["verify", "--bundle", "b.json"], withFiles({ "b.json": "{" }));
    expect(broken).toMatchObject({ code: 2, stdout: "" });
  });
});
