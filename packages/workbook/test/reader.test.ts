import { describe, expect, it } from "vitest";
import {
  formatWorkbookError,
  type ReadResult,
  readCsvFiles,
  readXlsx,
  type WorkbookRecords,
} from "../src/index";
import { buildXlsx, type Cell, encodeGb18030, utf8 } from "./helpers";

const T1 = "510722100";
const T2 = "510722101";
const TOWNSHIPS: Cell[][] = [
  ["乡镇代码", "乡镇名称", "户籍人口"],
  [T1, "城关镇", 8608],
  [Number(T2), "七里镇", "32563"],
];
/** A date cell showing `y-m-d h:m` on the wall clock (exceljs stores a Date's UTC fields). */
const wall = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

function records(r: ReadResult): WorkbookRecords {
  if (!r.ok) throw new Error(r.errors.map(formatWorkbookError).join("\n"));
  return r.records;
}
function messages(r: ReadResult): string[] {
  if (r.ok) throw new Error("expected errors");
  return r.errors.map(formatWorkbookError);
}

describe("reading values (import.md's value table)", () => {
  it("reads every time form as China time: date cells as wall clock, text forms, date only, ISO with offset", async () => {
    const bytes = await buildXlsx({
      乡镇: TOWNSHIPS,
      矛盾纠纷: [
        ["编号", "乡镇代码", "纠纷等级", "上报时间"],
        ["d1", T1, "蓝色", wall(2026, 10, 5, 9, 30)],
        ["d2", T1, "蓝色", "2026-10-05 09:30"],
        ["d3", T1, "蓝色", "2026-10-05 09:30:15"],
        ["d4", T1, "蓝色", "2026/10/05 09:30"],
        ["d5", T1, "蓝色", "2026/10/5 9:30:15"],
        ["d6", T1, "蓝色", "2026-10-05"],
        ["d7", T1, "蓝色", "2026-10-05T01:30:00Z"],
        ["d8", T1, "蓝色", "2026-10-05T09:30:00+08:00"],
        ["d9", T1, "蓝色", wall(2026, 10, 5)],
        ["d10", T1, "蓝色", { serial: 46300.395833333336, format: "yyyy-mm-dd hh:mm" }],
      ],
    });
    const d = records(await readXlsx(bytes)).disputes.map((x) => x.reportedAt);
    expect(d).toEqual([
      "2026-10-05T01:30:00.000Z",
      "2026-10-05T01:30:00.000Z",
      "2026-10-05T01:30:15.000Z",
      "2026-10-05T01:30:00.000Z",
      "2026-10-05T01:30:15.000Z",
      "2026-10-04T16:00:00.000Z",
      "2026-10-05T01:30:00.000Z",
      "2026-10-05T01:30:00.000Z",
      "2026-10-04T16:00:00.000Z",
      "2026-10-05T01:30:00.000Z",
    ]);
  });

  it("keeps an exact-midnight date cell in its month despite the serial's floating-point error", async () => {
    // 46327 is 2026-11-01; a serial computed in floating point lands a hair before or after it.
    const bytes = await buildXlsx({
      乡镇: TOWNSHIPS,
      案件: [
        ["编号", "乡镇代码", "发案时间", "案件类别", "严重程度"],
        ["a1", T1, { serial: 46326.99999999999, format: "yyyy-mm-dd hh:mm" }, "治安", "一般"],
        ["a2", T1, { serial: 46327.00000000001, format: "yyyy-mm-dd" }, "治安", "一般"],
        ["a3", T1, wall(2026, 11, 1), "治安", "一般"],
        [
          "a4",
          T1,
          { serial: 46326 + 23 / 24 + 59 / 1440 + 59.999 / 86400, format: "yyyy-mm-dd hh:mm:ss" },
          "治安",
          "一般",
        ],
      ],
    });
    const times = records(await readXlsx(bytes)).incidents.map((x) => x.occurredAt);
    expect(times).toEqual([
      "2026-10-31T16:00:00.000Z",
      "2026-10-31T16:00:00.000Z",
      "2026-10-31T16:00:00.000Z",
      "2026-10-31T15:59:59.999Z",
    ]);
  });

  it("reads yes/no forms (blank is 否; a closed petition's blank 息诉息访 is 否, an open one's stays absent)", async () => {
    const rows: Cell[][] = [
      ["编号", "乡镇代码", "受理时间", "是否越级", "是否集体访", "办结时间", "是否息诉息访"],
      ["p1", T1, "2026-10-01 08:00", "是", "否", "2026-10-02", "Y"],
      ["p2", T1, "2026-10-01 08:00", "y", "N", "2026-10-02", "true"],
      ["p3", T1, "2026-10-01 08:00", "TRUE", "false", "2026-10-02", 1],
      ["p4", T1, "2026-10-01 08:00", "1", "0", "2026-10-02", 0],
      ["p5", T1, "2026-10-01 08:00", true, false, "2026-10-02", null],
      ["p6", T1, "2026-10-01 08:00", null, "", null, null],
    ];
    const p = records(await readXlsx(await buildXlsx({ 乡镇: TOWNSHIPS, 信访: rows }))).petitions;
    expect(p.map((x) => [x.skipLevel, x.collective, x.settled])).toEqual([
      [true, false, true],
      [true, false, true],
      [true, false, true],
      [true, false, false],
      [true, false, false],
      [false, false, undefined],
    ]);
  });

  it("reads every enumeration in its Chinese names and codes", async () => {
    const bytes = await buildXlsx({
      乡镇: TOWNSHIPS,
      矛盾纠纷: [
        ["编号", "乡镇代码", "纠纷等级", "上报时间", "办结时间", "办结结果"],
        ["d1", T1, "红色", "2026-10-01", "2026-10-02", "化解成功"],
        ["d2", T1, "红", "2026-10-01", "2026-10-02", "resolved"],
        ["d3", T1, "red", "2026-10-01", "2026-10-02", "化解不成（转诉讼）"],
        ["d4", T1, "黄色", "2026-10-01", "2026-10-02", "化解不成"],
        ["d5", T1, "黄", "2026-10-01", "2026-10-02", "failed"],
        ["d6", T1, "yellow", "2026-10-01", "2026-10-02", "上交上级"],
        ["d7", T1, "蓝色", "2026-10-01", "2026-10-02", "escalated"],
        ["d8", T1, "蓝", "2026-10-01", null, null],
        ["d9", T1, "blue", "2026-10-01", null, null],
      ],
      调解记录: [
        ["纠纷编号", "乡镇代码", "调解时间", "调解层级", "调解结果"],
        ["d1", T1, "2026-10-01 10:00", "红", "调解成功"],
        ["d1", T1, "2026-10-01 11:00", "yellow", "success"],
        ["d1", T1, "2026-10-01 12:00", "蓝色", "部分达成"],
        ["d1", T1, "2026-10-01 13:00", "blue", "partial"],
        ["d1", T1, "2026-10-01 14:00", "红色", "未达成"],
        ["d1", T1, "2026-10-01 15:00", "red", "failed"],
      ],
      案件: [
        ["编号", "乡镇代码", "发案时间", "案件类别", "严重程度"],
        ["a1", T1, "2026-10-01", "刑事", "一般"],
        ["a2", T1, "2026-10-01", "刑事案件", "ordinary"],
        ["a3", T1, "2026-10-01", "criminal", "重大"],
        ["a4", T1, "2026-10-01", "治安", "major"],
        ["a5", T1, "2026-10-01", "治安案件", "一般"],
        ["a6", T1, "2026-10-01", "public_order", "一般"],
      ],
      重点人员: [
        ["编号", "乡镇代码", "人员类别", "列管时间"],
        ["k1", T1, "严重精神障碍患者", "2026-01-01"],
        ["k2", T1, "社区矫正对象", "2026-01-01"],
        ["k3", T1, "刑满释放人员", "2026-01-01"],
        ["k4", T1, "社区戒毒康复人员", "2026-01-01"],
        ["k5", T1, "drug_rehab", "2026-01-01"],
      ],
      工作纪实: [
        ["编号", "乡镇代码", "事件类型", "发生时间", "次数"],
        ["e1", T1, "monthly_meeting", "2026-10-01", null],
        ["e2", T1, "综治例会", "2026-10-01", 2],
        ["e3", T1, "平安夜巡", "2026-10-01", "3"],
        ["e4", T1, "youth_outreach", "2026-10-01", null],
      ],
    });
    const r = records(await readXlsx(bytes, { eventNames: { night_patrol: "平安夜巡" } }));
    expect(r.disputes.map((d) => [d.level, d.outcome ?? null])).toEqual([
      ["red", "resolved"],
      ["red", "resolved"],
      ["red", "failed"],
      ["yellow", "failed"],
      ["yellow", "failed"],
      ["yellow", "escalated"],
      ["blue", "escalated"],
      ["blue", null],
      ["blue", null],
    ]);
    expect(r.attempts.map((a) => [a.level, a.result])).toEqual([
      ["red", "success"],
      ["yellow", "success"],
      ["blue", "partial"],
      ["blue", "partial"],
      ["red", "failed"],
      ["red", "failed"],
    ]);
    expect(r.incidents.map((i) => [i.kind, i.severity])).toEqual([
      ["criminal", "ordinary"],
      ["criminal", "ordinary"],
      ["criminal", "major"],
      ["public_order", "major"],
      ["public_order", "ordinary"],
      ["public_order", "ordinary"],
    ]);
    expect(r.keyPersons.map((k) => k.category)).toEqual([
      "mental_health",
      "community_correction",
      "released_prisoner",
      "drug_rehab",
      "drug_rehab",
    ]);
    expect(r.events.map((e) => [e.kind, e.count])).toEqual([
      ["monthly_meeting", 1],
      ["monthly_meeting", 2],
      ["night_patrol", 3],
      ["youth_outreach", 1],
    ]);
  });

  it("orders a dispute's attempt levels by 调解时间, equal times in row order", async () => {
    const bytes = await buildXlsx({
      乡镇: TOWNSHIPS,
      矛盾纠纷: [
        ["编号", "乡镇代码", "纠纷等级", "上报时间"],
        ["d1", T1, "红色", "2026-10-01"],
        ["d2", T1, "蓝色", "2026-10-01"],
        ["d1", T2, "蓝色", "2026-10-01"],
      ],
      调解记录: [
        ["纠纷编号", "乡镇代码", "调解时间", "调解层级", "调解结果"],
        ["d1", T1, "2026-10-03 10:00", "红色", "未达成"],
        ["d1", T1, "2026-10-02 10:00", "黄色", "未达成"],
        ["d1", T1, "2026-10-03 10:00", "蓝色", "未达成"],
        ["d1", T1, "2026-10-01 10:00", "蓝色", "未达成"],
        ["d1", T2, "2026-10-01 10:00", "黄色", "未达成"],
      ],
    });
    const d = records(await readXlsx(bytes)).disputes;
    expect(d.map((x) => [x.id, x.townshipCode, x.attempts, x.attemptLevels])).toEqual([
      ["d1", T1, 4, ["blue", "yellow", "red", "blue"]],
      ["d2", T1, 0, []],
      ["d1", T2, 1, ["yellow"]],
    ]);
  });

  it("finds columns by padded header text in any order, skips blank rows, reads number cells for codes, lists unknown columns and sheets", async () => {
    const bytes = await buildXlsx({
      Sheet1: [["随便写点什么"]],
      乡镇: TOWNSHIPS,
      矛盾纠纷: [
        [
          " 上报时间 ",
          "　纠纷等级　",
          "备用列",
          "乡镇代码\u3000",
          "\t编号",
          "当事人简况",
          "村（社区）",
          "网格",
          "责任人",
        ],
        ["2026-10-05 09:30", "黄色", "x", Number(T1), 1001, "张某与王某", "东风村", "一网格", "李明"],
        [null, null, null, null, null, null, null, null, null],
        ["", " ", "", "", "", "", "", "", ""],
        ["2026-10-06 09:30", "蓝色", "", T2, "d-2", null, null, null, null],
      ],
    });
    const r = await readXlsx(bytes);
    const d = records(r).disputes;
    expect(d).toEqual([
      {
        row: 2,
        id: "1001",
        townshipCode: T1,
        level: "yellow",
        reportedAt: "2026-10-05T01:30:00.000Z",
        partiesBrief: "张某与王某",
        village: "东风村",
        grid: "一网格",
        responsible: "李明",
        attempts: 0,
        attemptLevels: [],
      },
      {
        row: 5,
        id: "d-2",
        townshipCode: T2,
        level: "blue",
        reportedAt: "2026-10-06T01:30:00.000Z",
        attempts: 0,
        attemptLevels: [],
      },
    ]);
    expect(r.report.unknownSheets).toEqual(["Sheet1"]);
    expect(r.report.unknownColumns).toEqual([{ sheet: "矛盾纠纷", columns: ["备用列"] }]);
    expect(records(r).townships.map((t) => [t.code, t.population])).toEqual([
      [T1, 8608],
      [T2, 32563],
    ]);
  });

  it("carries every free-text column and the optional names onto the typed rows", async () => {
    const bytes = await buildXlsx({
      县: [
        ["县编号", "县名称"],
        ["c1", "示范县"],
      ],
      乡镇: TOWNSHIPS,
      重点人员: [
        [
          "编号",
          "乡镇代码",
          "人员类别",
          "列管时间",
          "人员代称",
          "解除列管时间",
          "每季走访次数",
          "备注",
          "责任人",
        ],
        ["k1", T1, "社区矫正对象", "2026-01-01", "矫正对象甲", "2026-12-01", 2, "按季走访", "王芳"],
      ],
      走访: [
        ["编号", "乡镇代码", "重点人员编号", "走访时间", "走访情况", "网格"],
        ["v1", T1, "k1", "2026-10-01 15:00", "情绪稳定", "二网格"],
      ],
      人工评分: [
        ["乡镇代码", "月份", "指标", "得分"],
        [T1, "2026-10", "I08", 7.5],
        [T2, "2026/9", "I08", "6"],
      ],
    });
    const r = records(await readXlsx(bytes));
    expect(r.county).toEqual({ row: 2, id: "c1", name: "示范县" });
    expect(r.keyPersons[0]).toMatchObject({
      alias: "矫正对象甲",
      deregisteredAt: "2026-11-30T16:00:00.000Z",
      visitsPerQuarter: 2,
      note: "按季走访",
      responsible: "王芳",
    });
    expect(r.visits[0]).toMatchObject({ keyPersonId: "k1", note: "情绪稳定", grid: "二网格" });
    expect(r.manualScores.map((m) => [m.period, m.score])).toEqual([
      ["2026-10", 7.5],
      ["2026-09", 6],
    ]);
  });
});

describe("CSV files", () => {
  const disputes =
    '编号,乡镇代码,纠纷等级,上报时间,纠纷概要\r\nd1,510722100,黄色,2026-10-05 09:30,"邻里, ""排水沟""\n纠纷"\r\n';
  const townships = "乡镇代码,乡镇名称,户籍人口\n510722100,城关镇,8608\n";

  it.each([
    ["UTF-8 with a byte-order mark", (s: string) => utf8(s, true)],
    ["UTF-8 without one", (s: string) => utf8(s)],
    ["GB18030", encodeGb18030],
  ])("reads %s, with RFC 4180 quoting", (_, encode) => {
    const r = records(
      readCsvFiles([
        { name: "乡镇.csv", bytes: encode(townships) },
        { name: "矛盾纠纷.csv", bytes: encode(disputes) },
      ]),
    );
    expect(r.townships[0]?.name).toBe("城关镇");
    expect(r.disputes[0]).toMatchObject({
      id: "d1",
      level: "yellow",
      reportedAt: "2026-10-05T01:30:00.000Z",
      summary: '邻里, "排水沟"\n纠纷',
    });
  });

  it("rejects a file that is neither UTF-8 nor GB18030 instead of showing mojibake, and names it", () => {
    const latin1 = new Uint8Array([...utf8("编号,乡镇代码\n"), 0xff, 0xfe, 0x41, 0xff]);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x16, 0x7f]);
    const r = readCsvFiles([
      { name: "矛盾纠纷.csv", bytes: latin1 },
      { name: "信访.csv", bytes: utf16 },
    ]);
    expect(messages(r)).toEqual([
      "矛盾纠纷.csv：无法识别的文件编码：应为 UTF-8 或 GB18030（Excel 的「CSV UTF-8」或「CSV（逗号分隔）」）",
      "信访.csv：文件是 UTF-16 编码；请另存为「CSV UTF-8」或「CSV（逗号分隔）」",
    ]);
  });

  it("names the file, Excel row and column in value errors, and reports an unclosed quote", () => {
    const r = readCsvFiles([
      { name: "乡镇.csv", bytes: utf8(townships) },
      {
        name: "矛盾纠纷.csv",
        bytes: utf8("编号,乡镇代码,纠纷等级,上报时间\nd1,510722100,紫色,2026-10-01\n"),
      },
      { name: "案件.csv", bytes: utf8('编号,乡镇代码\n"a1,510722100\n') },
    ]);
    expect(messages(r)).toEqual([
      "案件.csv 第2行：引号未闭合",
      "矛盾纠纷.csv 第2行「纠纷等级」：应为 红色、黄色、蓝色 之一，实为「紫色」",
    ]);
  });
});

describe("errors: every problem, each naming sheet, Excel row and column in Chinese", () => {
  it("reports the spec's example message exactly, and all errors of the file, not only the first", async () => {
    const rows: Cell[][] = [["编号", "乡镇代码", "纠纷等级", "上报时间", "办结时间", "办结结果"]];
    for (let i = 2; i <= 6; i++) rows.push([`d${i}`, T1, "蓝色", "2026-10-01 08:00", null, null]);
    rows.push(["d7", T1, "紫色", "2026-10-01 08:00", null, null]);
    rows.push(["d8", T1, "蓝色", "2026-10-01 25:00", null, null]);
    rows.push(["d9", T1, null, "2026-10-01 08:00", null, null]);
    rows.push(["d10", "51072210", "蓝色", "2026-10-01 08:00", null, null]);
    rows.push(["d11", T1, "蓝色", "2026-10-05 08:00", "2026-10-04 08:00", "化解成功"]);
    rows.push(["d12", T1, "蓝色", "2026-10-05 08:00", null, "化解成功"]);
    rows.push(["d13", T1, "蓝色", "2026-10-05 08:00", "2026-10-06", null]);
    rows.push(["d2", T1, "蓝色", "2026-10-05 08:00", null, null]);
    rows.push(["d15", "510722999", "蓝色", "2026-10-05 08:00", null, null]);
    rows.push(["d16", T1, "蓝色", 46300, null, null]);
    const bytes = await buildXlsx({
      乡镇: [
        ["乡镇代码", "乡镇名称", "户籍人口"],
        [T1, "城关镇", 0],
        [T2, "七里镇", "三万"],
      ],
      矛盾纠纷: rows,
      信访: [
        ["编号", "乡镇代码", "受理时间", "是否越级"],
        ["p1", T1, "2026-10-01", "也许"],
      ],
      重点人员: [
        ["编号", "乡镇代码", "人员类别", "列管时间", "每月走访次数", "每季走访次数"],
        ["k1", T1, "孤寡老人", "2026-01-01", null, null],
        ["k2", T1, "刑满释放人员", "2026-01-01", 1, 2],
        ["k3", T1, "刑满释放人员", "2026-01-01", 0, null],
      ],
      走访: [
        ["编号", "乡镇代码", "重点人员编号", "走访时间"],
        ["v1", T1, "k9", "2026-10-01"],
      ],
      调解记录: [
        ["纠纷编号", "乡镇代码", "调解时间", "调解层级", "调解结果"],
        ["d404", T1, "2026-10-01", "蓝色", "调解成功"],
      ],
      工作纪实: [
        ["编号", "乡镇代码", "事件类型", "发生时间", "次数"],
        ["e1", T1, "例会?", "2026-10-01", 0],
      ],
      案件: [
        ["编号", "乡镇代码", "发案时间", "严重程度"],
        ["a1", T1, "2026-10-01", "一般"],
      ],
      人工评分: [
        ["乡镇代码", "月份", "指标", "得分"],
        [T1, "2026-13", "I08", -1],
      ],
    });
    expect(messages(await readXlsx(bytes))).toEqual([
      "乡镇 第2行「户籍人口」：应为正整数，实为「0」",
      "乡镇 第3行「户籍人口」：应为正整数，实为「三万」",
      "矛盾纠纷 第7行「纠纷等级」：应为 红色、黄色、蓝色 之一，实为「紫色」",
      "矛盾纠纷 第8行「上报时间」：应为时间，如 2026-10-05 09:30、2026/10/05 09:30:00 或 2026-10-05T09:30:00+08:00，实为「2026-10-01 25:00」",
      "矛盾纠纷 第9行「纠纷等级」：必填，不能为空",
      "矛盾纠纷 第10行「乡镇代码」：应为 9 位数字的乡镇代码，实为「51072210」",
      "矛盾纠纷 第11行「办结时间」：早于上报时间",
      "矛盾纠纷 第12行「办结结果」：未填写办结时间，不能填写办结结果",
      "矛盾纠纷 第13行「办结结果」：填写了办结时间时必填",
      "矛盾纠纷 第14行「编号」：与第2行重复",
      "矛盾纠纷 第15行「乡镇代码」：乡镇代码「510722999」不在「乡镇」表中",
      "矛盾纠纷 第16行「上报时间」：应为时间，如 2026-10-05 09:30、2026/10/05 09:30:00 或 2026-10-05T09:30:00+08:00，实为「46300」",
      "调解记录 第2行「纠纷编号」：乡镇 510722100 没有编号为「d404」的矛盾纠纷",
      "信访 第2行「是否越级」：应为 是、否 之一，实为「也许」",
      "案件 第1行「案件类别」：缺少必填列",
      "重点人员 第2行「人员类别」：应为 严重精神障碍患者、社区矫正对象、刑满释放人员、社区戒毒康复人员 之一，实为「孤寡老人」",
      "重点人员 第3行「每季走访次数」：每月走访次数与每季走访次数至多填写一项",
      "重点人员 第4行「每月走访次数」：应为正整数，实为「0」",
      "走访 第2行「重点人员编号」：乡镇 510722100 没有编号为「k9」的重点人员",
      "工作纪实 第2行「事件类型」：应为事件代码（如 monthly_meeting）或事件名称（如 综治例会），实为「例会?」",
      "工作纪实 第2行「次数」：应为正整数，实为「0」",
      "人工评分 第2行「月份」：应为月份 YYYY-MM，实为「2026-13」",
      "人工评分 第2行「得分」：应为不小于 0 的数，实为「-1」",
    ]);
  });

  it("checks townships against the caller's list, and accepts key persons and disputes already recorded", async () => {
    const bytes = await buildXlsx({
      走访: [
        ["编号", "乡镇代码", "重点人员编号", "走访时间"],
        ["v1", T1, "k1", "2026-10-01"],
        ["v2", T2, "k1", "2026-10-01"],
      ],
      调解记录: [
        ["纠纷编号", "乡镇代码", "调解时间", "调解层级", "调解结果"],
        ["d1", T1, "2026-10-01", "蓝色", "调解成功"],
      ],
    });
    const r = await readXlsx(bytes, {
      townshipCodes: [T1],
      knownKeyPersons: [`${T1}/k1`],
      knownDisputes: [`${T1}/d1`],
    });
    expect(messages(r)).toEqual([
      "走访 第3行「乡镇代码」：乡镇代码「510722101」不是本次可导入的乡镇",
      "走访 第3行「重点人员编号」：乡镇 510722101 没有编号为「k1」的重点人员",
    ]);
  });

  it("rejects a file that is not a workbook", async () => {
    expect(messages(await readXlsx(utf8("编号,乡镇代码\n")))[0]).toMatch(/^工作簿：不是有效的 Excel 工作簿/);
  });
});
