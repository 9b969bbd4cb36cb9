import modelScheme from "@pingan/data/model-scheme.json";
import { parseScheme, type Scheme } from "@pingan/domain";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ExportInput } from "../../shared/league-table/export-meta";
import { leagueToCsv } from "../../shared/league-table/league-csv";
import { buildLeagueWorkbook, exportFileName } from "../../shared/league-table/league-xlsx";
import { SAMPLE_TABLE } from "../league/fixtures/sample-table";
import { printNotes } from "./print-notes";

const parsed = parseScheme(modelScheme);
if (!parsed.ok) throw new Error("model scheme invalid");
const scheme: Scheme = parsed.value;
const input: ExportInput = {
  table: SAMPLE_TABLE,
  scheme,
  meta: {
    countyName: "示范县",
    version: 2,
    date: "2026-11-05T08:00:00+08:00",
    correctionReason: "七里镇漏报会议",
  },
};

describe("CSV export", () => {
  it("names county, period and version above a header and one line per township", () => {
    const lines = leagueToCsv(input)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("示范县2026年10月平安建设考评排名（第2版）");
    // The scheme by its name, not its storage id.
    expect(lines[1]).toContain("细则：《2026年度乡镇平安建设（综治工作）月度考核细则》第1版");
    expect(lines[1]).not.toContain("demo-county-2026");
    expect(lines[2]).toBe(
      "名次,乡镇,区划代码,总分,加分,等次,一票否决,名次变化,I01 组织领导与责任落实,I02 矛盾纠纷化解成功率",
    );
    expect(lines[5]).toBe("3,西湖乡,510722103,59,0,不合格,是,0,8,20");
    expect(lines).toHaveLength(6);
  });
});

describe("Excel export", () => {
  it("writes a workbook that opens with the title, header, numbers and indicator notes", async () => {
    const wb = await buildLeagueWorkbook(input);
    const buf = await wb.xlsx.writeBuffer();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buf as ArrayBuffer);
    const ws = back.getWorksheet("排名");
    expect(ws?.getCell("A1").value).toBe("示范县2026年10月平安建设考评排名（第2版）");
    expect(ws?.getCell("A2").value).toContain("细则：《2026年度乡镇平安建设（综治工作）月度考核细则》第1版");
    expect(ws?.getCell("A3").value).toBe("名次");
    expect(ws?.getCell("B4").value).toBe("城关镇");
    expect(ws?.getCell("D4").value).toBe(91.5);
    expect(ws?.getCell("D4").numFmt).toBe("0.00");
    expect(ws?.getCell("G6").value).toBe("是");
    expect(ws?.getCell("A8").value).toBe("更正说明：七里镇漏报会议");
    const detail = back.getWorksheet("指标明细");
    const notes = detail?.getColumn(9).values.filter((v) => typeof v === "string") as string[];
    expect(notes).toContain("发生群体性事件 1 起，本项不得分");
    expect(exportFileName(input, "xlsx")).toBe("示范县-2026-10-排名-v2.xlsx");
  });
});

describe("print notes", () => {
  it("counts grades, names vetoed townships and gives the correction reason", () => {
    const notes = printNotes(SAMPLE_TABLE, "七里镇漏报会议");
    expect(notes[0]).toBe("本期参评乡镇（街道）3个，其中优秀1个、良好1个、不合格1个。");
    expect(notes[1]).toContain("西湖乡本期发生一票否决事项");
    expect(notes.at(-1)).toBe("本版为更正版，更正原因：七里镇漏报会议");
  });
});

describe("formula injection (OWASP CSV injection)", () => {
  const DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"];
  const hostile = (name: string): ExportInput => ({
    table: {
      ...SAMPLE_TABLE,
      rows: SAMPLE_TABLE.rows.map((r, i) =>
        i === 0 ? { ...r, name, indicators: r.indicators.map((ind) => ({ ...ind, notes: [name] })) } : r,
      ),
    },
    scheme,
    meta: { ...input.meta, countyName: name, correctionReason: undefined },
  });

  it.each(DANGEROUS)("the CSV writes %j as quoted text, never as a formula", (name) => {
    const text = leagueToCsv(hostile(name)).replace(/^\uFEFF/, "");
    // Every field of every line: none may start with a formula character.
    const fields = text.split(/,|\r\n/).map((f) => f.replace(/^"/, ""));
    expect(fields.filter((f) => /^[=+@\t\r]/.test(f) || /^-\D/.test(f))).toEqual([]);
    expect(text).toContain(`'${name.replace(/"/g, '""')}`);
  });

  it.each(DANGEROUS)("the Excel export writes %j as text with a leading quote", async (name) => {
    const wb = await buildLeagueWorkbook(hostile(name));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const texts: string[] = [];
    back.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === "string") texts.push(c.value);
          expect(c.formula).toBeUndefined();
        }),
      ),
    );
    expect(texts.filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
    // (XML turns a CR into a line feed on the way back; the quote in front is what matters.)
    const expected = `'${name}`.replace("\r", "\n");
    expect(back.getWorksheet("排名")?.getCell("B4").value).toBe(expected);
    expect(texts).toContain(expected);
  });

  it("keeps negative numbers as numbers (a rank change of -1 is not text)", async () => {
    const down: ExportInput = {
      ...input,
      table: { ...SAMPLE_TABLE, rows: SAMPLE_TABLE.rows.map((r) => ({ ...r, rankChange: -1 })) },
    };
    expect(leagueToCsv(down).split("\r\n")[3]?.split(",")[7]).toBe("-1");
    const wb = await buildLeagueWorkbook(down);
    expect(wb.getWorksheet("排名")?.getCell("H4").value).toBe(-1);
  });
});
