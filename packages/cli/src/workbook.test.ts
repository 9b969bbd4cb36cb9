import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Data, parseScheme, schemeItems } from "@pingan/domain";
import { fromScoringData, readXlsx, writeCsvFiles, writeXlsx } from "@pingan/workbook";
import { describe, expect, it } from "vitest";
import { nodeIo, withFiles } from "./io";
import { runCli } from "./run";

const GOLDEN = join(import.meta.dirname, "..", "..", "domain", "test", "golden");
const FIXTURES = join(import.meta.dirname, "..", "..", "workbook", "test", "golden");
const SCHEME = join(GOLDEN, "scheme-2026.json");
const XLSX = join(FIXTURES, "data.xlsx");
const CSV = join(FIXTURES, "csv");

type Row = { townshipId: string; code: string } & Record<string, unknown>;
type Table = { rows: Row[] } & Record<string, unknown>;

/**
 * A workbook knows townships by their code (import.md: `id` = 乡镇代码), so its table's townshipId is
 * the code; every other field must equal the golden table's (which carries no notes), metrics to 1e-9.
 */
function expectGolden(actual: Table, expected: Table): void {
  const { rows: actualRows, ...actualHead } = actual;
  const { rows: expectedRows, ...expectedHead } = expected;
  expect(actualHead).toEqual(expectedHead);
  expect(actualRows.map((r) => r.townshipId)).toEqual(expectedRows.map((r) => r.code));
  const strip = (rows: Row[], keepNotes: boolean) =>
    rows.map(({ townshipId: _, indicators, ...rest }) => ({
      ...rest,
      indicators: (indicators as Record<string, unknown>[]).map(({ notes, metric, ...i }) => ({
        ...i,
        metric: typeof metric === "number" ? Math.round(metric * 1e9) / 1e9 : metric,
        ...(keepNotes ? { notes } : {}),
      })),
    }));
  expect(strip(actualRows, false)).toEqual(strip(expectedRows, false));
}

const league = (data: string, period: string, io = nodeIo) =>
  runCli(["league", "--scheme", SCHEME, "--data", data, "--period", period], io);

describe("league --data with a workbook or a CSV folder", () => {
  it.each([
    ["xlsx", XLSX, "2026-10"],
    ["xlsx", XLSX, "2026-Q3"],
    ["CSV folder", CSV, "2026-10"],
    ["CSV folder", CSV, "2026-Q3"],
  ])("scores the golden data as %s exactly as the JSON, for %s", async (_, data, period) => {
    const result = await league(data, period);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = JSON.parse(readFileSync(join(GOLDEN, `league-${period}.json`), "utf8"));
    expectGolden(JSON.parse(result.stdout), expected);
  });

  it("gives the same notes as the JSON too", async () => {
    const json = JSON.parse((await league(join(GOLDEN, "data.json"), "2026-10")).stdout) as Table;
    const xlsx = JSON.parse((await league(XLSX, "2026-10")).stdout) as Table;
    expect(xlsx.rows.map((r) => r.indicators)).toEqual(json.rows.map((r) => r.indicators));
  });

  it("exits 2 on a wrong workbook, naming sheet, Excel row and column, with nothing on stdout", async () => {
    const read = await readXlsx(new Uint8Array(readFileSync(XLSX)));
    if (!read.ok) throw new Error("fixture must read");
    const records = read.records;
    const broken = {
      ...records,
      disputes: records.disputes.map((d, i) =>
        i === 5 ? { ...d, closedAt: "2025-01-01T00:00:00.000Z" } : d,
      ),
      incidents: records.incidents.map((d, i) => (i === 0 ? { ...d, townshipCode: "510722999" } : d)),
    };
    const result = await league("bad.xlsx", "2026-10", withFiles({ "bad.xlsx": await writeXlsx(broken) }));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "bad.xlsx: 矛盾纠纷 第7行「办结时间」：早于上报时间",
        "bad.xlsx: 案件 第2行「乡镇代码」：乡镇代码「510722999」不在「乡镇」表中",
        "",
      ].join("\n"),
    );
  });

  it("exits 2 on a CSV folder with a bad value, naming the file, and notes unknown columns on a good one", async () => {
    const file = (name: string) => readFileSync(join(CSV, name));
    const all = ["县.csv", "乡镇.csv", "案件.csv"];
    const files = Object.fromEntries(all.map((n) => [`in/${n}`, new Uint8Array(file(n))]));
    const incidents = new TextDecoder().decode(files["in/案件.csv"]).split("\r\n");
    incidents[3] = (incidents[3] as string).replace(",治安,", ",打架,");
    const bad = await league(
      "in",
      "2026-10",
      withFiles({ ...files, "in/案件.csv": `\ufeff${incidents.join("\r\n")}` }),
    );
    expect(bad).toMatchObject({ code: 2, stdout: "" });
    expect(bad.stderr).toBe("in: 案件.csv 第4行「案件类别」：应为 刑事、治安 之一，实为「打架」\n");

    const extra = incidents.map((l, i) => (l === "" ? l : `${l},${i === 0 ? "备用" : "x"}`));
    extra[3] = (extra[3] as string).replace(",打架,", ",治安,");
    const ok = await league(
      "in",
      "2026-10",
      withFiles({ ...files, "in/案件.csv": `\ufeff${extra.join("\r\n")}`, "in/说明.csv": "a\n" }),
    );
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(
      "in: 提示：已忽略未知的工作表「说明」\nin: 提示：案件.csv 已忽略未知的列「备用」\n",
    );
  });

  it("explains what to pass instead of a single CSV or an old .xls file", async () => {
    for (const file of ["矛盾纠纷.csv", "台账.xls"]) {
      const result = await league(file, "2026-10");
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr).toContain(`${file}: 应为 .xlsx 工作簿、存放 CSV 文件`);
    }
  });

  it("needs the 县 and 乡镇 sheets", async () => {
    const result = await league(
      "x.xlsx",
      "2026-10",
      withFiles({ "x.xlsx": await writeXlsx({ disputes: [] }) }),
    );
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain("x.xlsx: 县：缺少「县」工作表");
  });

  it.each(["2026-03", "2026-Q1"])(
    "carries mediation levels and visit frequencies (§10.2, §10.3) through the workbook: same table as the JSON for %s",
    async (period) => {
      // The §10 golden data, with 9-digit codes and without §11's township fields (the 乡镇 sheet has none).
      const dir = join(GOLDEN, "..", "s10", "golden");
      const json = JSON.parse(readFileSync(join(dir, "data.json"), "utf8")) as Data;
      json.townships = json.townships.map((t) => ({
        id: t.id,
        name: t.name,
        code: `510722${t.code}`,
        population: t.population,
      }));
      expect(json.disputes?.some((d) => d.attemptLevels?.includes("yellow"))).toBe(true);
      expect(json.keyPersons?.some((k) => k.visitsPerQuarter !== undefined)).toBe(true);
      const records = fromScoringData(json);
      const csv = Object.fromEntries(writeCsvFiles(records).map((f) => [`s10/${f.name}`, f.bytes]));
      const io = withFiles({ "d.json": JSON.stringify(json), "d.xlsx": await writeXlsx(records), ...csv });
      const run = (data: string) =>
        runCli(["league", "--scheme", join(dir, "scheme.json"), "--data", data, "--period", period], io);
      const fromJson = await run("d.json");
      expect(fromJson.code).toBe(0);
      const byCode = (t: Table) => t.rows.map(({ townshipId: _, ...r }) => r);
      for (const data of ["d.xlsx", "s10"]) {
        const result = await run(data);
        expect(result.stderr).toBe("");
        expect(byCode(JSON.parse(result.stdout))).toEqual(byCode(JSON.parse(fromJson.stdout)));
      }
    },
  );

  it("reads an item of the scheme named by its Chinese name, and scores it", async () => {
    // The golden scheme with its 法治宣传 item renamed to the county's own 「反诈宣传进村」.
    const golden = JSON.parse(readFileSync(SCHEME, "utf8"));
    const parsed = parseScheme(golden);
    if (!parsed.ok) throw new Error("golden scheme must parse");
    const scheme = JSON.parse(
      JSON.stringify(golden).replaceAll('"legal_education"', '"anti_fraud_outreach"'),
    );
    scheme.items = schemeItems(parsed.value).map((i) =>
      i.code === "legal_education" ? { code: "anti_fraud_outreach", name: "反诈宣传进村" } : i,
    );
    const read = await readXlsx(new Uint8Array(readFileSync(XLSX)));
    if (!read.ok) throw new Error("fixture must read");
    const events = read.records.events.map((e) =>
      e.kind === "legal_education" ? { ...e, kind: "anti_fraud_outreach" } : e,
    );
    expect(events.some((e) => e.kind === "anti_fraud_outreach")).toBe(true);
    const bytes = await writeXlsx(
      { ...read.records, events },
      { eventNames: { anti_fraud_outreach: "反诈宣传进村" } },
    );
    // The workbook names the item only by its Chinese name: without the scheme's items it would not read.
    expect((await readXlsx(bytes)).ok).toBe(false);
    const io = withFiles({ "county.json": JSON.stringify(scheme), "county.xlsx": bytes });
    const result = await runCli(
      ["league", "--scheme", "county.json", "--data", "county.xlsx", "--period", "2026-10"],
      io,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = JSON.parse(readFileSync(join(GOLDEN, "league-2026-10.json"), "utf8"));
    const table = JSON.parse(result.stdout) as Table;
    const legal = (t: Table) =>
      t.rows.map(
        (r) => (r.indicators as { code: string; score: number }[]).find((i) => i.code === "I08")?.score,
      );
    expect(legal(table)).toEqual(legal(expected));
    expect(legal(table).some((s) => (s ?? 0) > 0)).toBe(true);
    expect(table.rows.map((r) => r.total)).toEqual(expected.rows.map((r: Row) => r.total));
  });
});
