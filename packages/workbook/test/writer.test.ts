import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  escapeSpreadsheetCell,
  formatWorkbookError,
  fromScoringData,
  type ReadResult,
  readCsvFiles,
  readXlsx,
  SHEETS,
  toScoringData,
  unescapeSpreadsheetCell,
  type WorkbookRecords,
  writeCsvFiles,
  writeTemplate,
  writeXlsx,
} from "../src/index";
import { xlsxCells } from "./helpers";

const GOLDEN = join(import.meta.dirname, "golden");
const GOLDEN_DATA = join(import.meta.dirname, "..", "..", "domain", "test", "golden", "data.json");

function records(r: ReadResult): WorkbookRecords {
  if (!r.ok) throw new Error(r.errors.map(formatWorkbookError).join("\n"));
  return r.records;
}

/**
 * Records with free text that a spreadsheet could take for a formula, quotes, commas and line breaks.
 * (Values are read trimmed, so text that starts with a tab or CR cannot come back as it was.)
 */
const TRICKY: WorkbookRecords = {
  county: { row: 2, id: "c1", name: "示范县" },
  townships: [{ row: 2, code: "510722100", name: "城关镇", population: 8608 }],
  disputes: [
    {
      row: 2,
      id: "=HYPERLINK(1)",
      townshipCode: "510722100",
      level: "red",
      reportedAt: "2026-10-31T16:00:00.000Z",
      category: "+邻里",
      partiesBrief: '张某, "王某"\n李某',
      summary: "-10 元的争执",
      closedAt: "2026-11-02T03:04:05.678Z",
      outcome: "failed",
      village: "@东风村",
      grid: "一网格",
      responsible: "李明",
      attempts: 2,
      attemptLevels: ["blue", "red"],
    },
  ],
  attempts: [
    {
      row: 2,
      disputeId: "=HYPERLINK(1)",
      townshipCode: "510722100",
      at: "2026-11-01T01:00:00.000Z",
      level: "blue",
      mediator: "网格员",
      result: "partial",
      note: "'引号开头的说明",
    },
    {
      row: 3,
      disputeId: "=HYPERLINK(1)",
      townshipCode: "510722100",
      at: "2026-11-01T01:00:00.000Z",
      level: "red",
      result: "failed",
    },
  ],
  petitions: [
    {
      row: 2,
      id: "p1",
      townshipCode: "510722100",
      receivedAt: "2026-10-01T00:00:00.000Z",
      subject: "道路",
      petitionerBrief: "刘某",
      skipLevel: true,
      collective: false,
      firstHandledAt: "2026-10-02T00:00:00.000Z",
      closedAt: "2026-10-03T00:00:00.000Z",
      settled: false,
    },
    {
      row: 3,
      id: "p2",
      townshipCode: "510722100",
      receivedAt: "2026-10-01T00:00:00.000Z",
      skipLevel: false,
      collective: true,
    },
  ],
  incidents: [
    {
      row: 2,
      id: "a1",
      townshipCode: "510722100",
      occurredAt: "2026-10-01T00:00:00.000Z",
      kind: "criminal",
      severity: "major",
      summary: "案情",
    },
  ],
  keyPersons: [
    {
      row: 2,
      id: "k1",
      townshipCode: "510722100",
      category: "drug_rehab",
      registeredAt: "2026-01-01T00:00:00.000Z",
      alias: "甲",
      deregisteredAt: "2026-12-01T00:00:00.000Z",
      visitsPerQuarter: 3,
      note: "备注",
    },
    {
      row: 3,
      id: "k2",
      townshipCode: "510722100",
      category: "mental_health",
      registeredAt: "2026-01-01T00:00:00.000Z",
      visitsPerMonth: 4,
    },
  ],
  visits: [
    {
      row: 2,
      id: "v1",
      townshipCode: "510722100",
      keyPersonId: "k1",
      at: "2026-10-01T07:00:00.000Z",
      note: "稳定",
    },
  ],
  events: [
    {
      row: 2,
      id: "e1",
      townshipCode: "510722100",
      kind: "monthly_meeting",
      occurredAt: "2026-10-01T07:00:00.000Z",
      count: 2,
      note: "例会",
    },
  ],
  manualScores: [{ row: 2, townshipCode: "510722100", period: "2026-10", indicator: "I08", score: 7.25 }],
};

describe("export → import is a round trip that changes nothing", () => {
  it("as .xlsx and as CSV files, with formula-like text, quotes, line breaks, milliseconds and midnight", async () => {
    expect(records(await readXlsx(await writeXlsx(TRICKY)))).toEqual(TRICKY);
    expect(records(readCsvFiles(writeCsvFiles(TRICKY)))).toEqual(TRICKY);
  });

  it("for the whole golden data set, whose scoring data comes back unchanged", async () => {
    const fromXlsx = records(await readXlsx(new Uint8Array(readFileSync(join(GOLDEN, "data.xlsx")))));
    expect(records(await readXlsx(await writeXlsx(fromXlsx)))).toEqual(fromXlsx);
    expect(records(readCsvFiles(writeCsvFiles(fromXlsx)))).toEqual(fromXlsx);

    // The scoring data equals the JSON's, with townships known by their codes and instants as UTC.
    const json = JSON.parse(readFileSync(GOLDEN_DATA, "utf8"));
    const scoring = toScoringData(fromXlsx);
    if (!scoring.ok) throw new Error("golden workbook must convert");
    const codeOf = new Map<string, string>(
      json.townships.map((t: { id: string; code: string }) => [t.id, t.code]),
    );
    const utc = (s: string) => new Date(Date.parse(s)).toISOString();
    expect(scoring.data.townships).toEqual(
      json.townships.map((t: { code: string; name: string; population: number }) => ({
        id: t.code,
        name: t.name,
        code: t.code,
        population: t.population,
      })),
    );
    expect(
      scoring.data.disputes?.map((d) => [
        d.id,
        d.townshipId,
        d.level,
        d.reportedAt,
        d.attempts,
        d.closedAt,
        d.outcome,
      ]),
    ).toEqual(
      json.disputes.map((d: Record<string, string | number>) => [
        d.id,
        codeOf.get(d.townshipId as string),
        d.level,
        utc(d.reportedAt as string),
        d.attempts,
        d.closedAt === undefined ? undefined : utc(d.closedAt as string),
        d.outcome,
      ]),
    );
    expect(scoring.data.visits?.length).toBe(json.visits.length);
    expect(scoring.data.events?.map((e) => e.count)).toEqual(
      json.events.map((e: { count?: number }) => e.count ?? 1),
    );
    expect(scoring.data.manualScores).toEqual(
      json.manualScores.map((m: { townshipId: string }) => ({ ...m, townshipId: codeOf.get(m.townshipId) })),
    );
  });

  it("the committed golden fixtures are what the generator writes today", async () => {
    const json = JSON.parse(readFileSync(GOLDEN_DATA, "utf8"));
    const files = writeCsvFiles(fromScoringData(json));
    for (const f of files)
      expect(Buffer.from(f.bytes).equals(readFileSync(join(GOLDEN, "csv", f.name))), f.name).toBe(true);
  });
});

describe("what the writer puts in the cells", () => {
  it("escapes every text cell that starts with = + - @ tab or CR, and writes numbers as numbers, times as dates", async () => {
    expect(
      ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "普通", "'=x", "1-2"].map(escapeSpreadsheetCell),
    ).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "普通", "'=x", "1-2"]);
    expect(unescapeSpreadsheetCell("'=1+1")).toBe("=1+1");
    expect(unescapeSpreadsheetCell("'普通")).toBe("'普通");

    const cells = await xlsxCells(await writeXlsx(TRICKY));
    const dispute = cells.矛盾纠纷?.[1] as unknown[];
    expect(dispute[0]).toBe("'=HYPERLINK(1)");
    expect(dispute[4]).toBe("'+邻里");
    expect(dispute[6]).toBe("'-10 元的争执");
    expect(dispute[9]).toBe("'@东风村");
    expect(dispute[3]).toEqual(new Date(Date.UTC(2026, 10, 1))); // 2026-11-01 00:00 on the wall clock
    expect(cells.乡镇?.[1]).toEqual(["510722100", "城关镇", 8608]);
    expect(cells.人工评分?.[1]).toEqual(["510722100", "2026-10", "I08", 7.25]);

    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      writeCsvFiles(TRICKY).find((f) => f.name === "矛盾纠纷.csv")?.bytes,
    );
    expect(csv.startsWith("\ufeff编号,乡镇代码,纠纷等级,上报时间")).toBe(true);
    expect(csv).toContain("'=HYPERLINK(1),510722100,红色,2026-11-01 00:00:00,'+邻里,");
    expect(csv).toContain('"张某, ""王某""\n李某"');
    expect(csv).toContain("2026-11-02 11:04:05.678,化解不成（转诉讼）");
    expect(csv).toContain(",'@东风村,一网格,李明\r\n");
  });

  it("writes the template 导入模板.xlsx: every sheet with its headers and one example row that imports cleanly, and a 说明 sheet", async () => {
    const bytes = await writeTemplate();
    const result = await readXlsx(bytes);
    const r = records(result);
    expect(result.report.unknownSheets).toEqual(["说明"]);
    expect(result.report.sheets.map((s) => [s.name, s.rows])).toEqual(SHEETS.map((s) => [s.name, 1]));
    expect(r.disputes[0]).toMatchObject({
      level: "blue",
      attempts: 1,
      attemptLevels: ["blue"],
      outcome: "resolved",
    });
    const cells = await xlsxCells(bytes);
    expect(cells.矛盾纠纷?.[0]).toEqual(
      SHEETS.find((s) => s.name === "矛盾纠纷")?.columns.map((c) => c.header),
    );
    const guide = (cells.说明 ?? []).map((row) => row.join("|"));
    expect(
      guide.some((l) => l.includes("纠纷等级|是|红色 / 红 / red；黄色 / 黄 / yellow；蓝色 / 蓝 / blue")),
    ).toBe(true);
  });
});
