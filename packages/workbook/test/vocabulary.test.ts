import { describe, expect, it } from "vitest";
import {
  formatWorkbookError,
  type ReadResult,
  readCsvFiles,
  readXlsx,
  type WorkbookRecords,
  writeCsvFiles,
  writeXlsx,
} from "../src/index";
import { xlsxCells } from "./helpers";

/** A county's own vocabularies (issues 12 and 14): a custom category and a custom scheme item. */
const CATEGORIES = [
  { code: "community_correction", name: "社区矫正对象" },
  { code: "drug_involved", name: "涉毒人员" },
];
const EVENT_NAMES = { anti_fraud_outreach: "反诈宣传进村", monthly_meeting: "综治例会" };
const OPTIONS = { keyPersonCategories: CATEGORIES, eventNames: EVENT_NAMES };

const RECORDS: WorkbookRecords = {
  townships: [{ row: 2, code: "510722100", name: "城关镇", population: 8608 }],
  disputes: [],
  attempts: [],
  petitions: [],
  incidents: [],
  keyPersons: [
    {
      row: 2,
      id: "ZD-1",
      townshipCode: "510722100",
      category: "drug_involved",
      registeredAt: "2026-01-14T16:00:00.000Z",
    },
    {
      row: 3,
      id: "ZD-2",
      townshipCode: "510722100",
      category: "community_correction",
      registeredAt: "2026-02-01T01:00:00.000Z",
    },
  ],
  visits: [],
  events: [
    {
      row: 2,
      id: "JS-1",
      townshipCode: "510722100",
      kind: "anti_fraud_outreach",
      occurredAt: "2026-10-08T01:00:00.000Z",
      count: 1,
    },
    {
      row: 3,
      id: "JS-2",
      townshipCode: "510722100",
      kind: "monthly_meeting",
      occurredAt: "2026-10-09T01:00:00.000Z",
      count: 2,
    },
  ],
  manualScores: [],
};

function records(r: ReadResult): WorkbookRecords {
  if (!r.ok) throw new Error(r.errors.map(formatWorkbookError).join("\n"));
  return r.records;
}

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(",")).join("\r\n"));

describe("the county's own vocabularies", () => {
  it("writes the county's Chinese names and reads them back unchanged (CSV)", () => {
    const files = writeCsvFiles(RECORDS, OPTIONS);
    /** A column of a written CSV file, by header. */
    const column = (name: string, header: string) => {
      const text = new TextDecoder().decode(files.find((f) => f.name === name)?.bytes);
      const [head = "", ...lines] = text
        .replace(/^\ufeff/, "")
        .trim()
        .split(/\r?\n/);
      const at = head.split(",").indexOf(header);
      return lines.map((l) => l.split(",")[at]);
    };
    expect(column("重点人员.csv", "人员类别")).toEqual(["涉毒人员", "社区矫正对象"]);
    expect(column("工作纪实.csv", "事件类型")).toEqual(["反诈宣传进村", "综治例会"]);
    const back = records(readCsvFiles(files, OPTIONS));
    expect(back.keyPersons.map((k) => k.category)).toEqual(["drug_involved", "community_correction"]);
    expect(back.events.map((e) => e.kind)).toEqual(["anti_fraud_outreach", "monthly_meeting"]);
    expect(back).toEqual(RECORDS);
  });

  it("writes the county's Chinese names and reads them back unchanged (xlsx)", async () => {
    const bytes = await writeXlsx(RECORDS, OPTIONS);
    const cells = await xlsxCells(bytes);
    expect(JSON.stringify(cells)).toContain("涉毒人员");
    expect(JSON.stringify(cells)).toContain("反诈宣传进村");
    expect(records(await readXlsx(bytes, OPTIONS))).toEqual(RECORDS);
  });

  it("without the vocabularies writes codes, which the reader still takes", async () => {
    const files = writeCsvFiles(RECORDS);
    const text = new TextDecoder().decode(files.find((f) => f.name === "重点人员.csv")?.bytes);
    expect(text).toContain("drug_involved");
    expect(text).not.toContain("涉毒人员");
    expect(records(readCsvFiles(files, OPTIONS))).toEqual(RECORDS);
  });

  it("人员类别 accepts a listed code or Chinese name, and names the accepted ones for anything else", () => {
    const file = (values: string[]) => [
      {
        name: "重点人员.csv",
        bytes: csv([
          ["编号", "乡镇代码", "人员类别", "列管时间"],
          ...values.map((v, i) => [`ZD-${i + 1}`, "510722100", v, "2026-01-15"]),
        ]),
      },
    ];
    const ok = records(readCsvFiles(file(["涉毒人员", "drug_involved", "社区矫正对象"]), OPTIONS));
    expect(ok.keyPersons.map((k) => k.category)).toEqual([
      "drug_involved",
      "drug_involved",
      "community_correction",
    ]);

    // A built-in category the county does not list is refused, the message naming the county's.
    const wrong = readCsvFiles(file(["涉毒人员", "刑满释放人员"]), OPTIONS);
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors.map(formatWorkbookError)).toEqual([
      "重点人员.csv 第3行「人员类别」：应为 社区矫正对象、涉毒人员 之一，实为「刑满释放人员」",
    ]);

    // Without the option: the four built-in categories, as before.
    expect(records(readCsvFiles(file(["刑满释放人员"]))).keyPersons[0]?.category).toBe("released_prisoner");
    const unknown = readCsvFiles(file(["涉毒人员"]));
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.errors[0]?.message).toBe(
      "应为 严重精神障碍患者、社区矫正对象、刑满释放人员、社区戒毒康复人员 之一，实为「涉毒人员」",
    );
  });
});
