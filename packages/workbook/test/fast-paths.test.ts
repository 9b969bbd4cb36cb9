import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvTables, parseCsv } from "../src/csv";
import { unescapeSpreadsheetCell } from "../src/escape";
import { parseTime, timeValue } from "../src/values";
import { allSharedStrings, sharedStrings, sheetRows } from "../src/xlsx";

/**
 * The reader's fast paths (the common worksheet and shared-string forms matched by a regular
 * expression, CSV without quotes cut row by row, time text read by char codes) against the general
 * code they stand in for: the same output for every input, including the forms that make them fall
 * back half-way.
 */

// As the reader hands them to sheetRows: unescaped once (`'=1+2` was written for `=1+2`).
const SHARED = ["编号", "乡镇代码", "'=1+2", "A&B"].map(unescapeSpreadsheetCell);
// Style 0 plain, 1 a date format, 2 plain.
const DATE_STYLES = [false, true, false];

/** A worksheet's rows through the fast path (visit) and through the full scanner (no visit). */
function bothWays(sheetData: string) {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D9"/>${sheetData}<pageMargins left="0.7"/></worksheet>`;
  const fast: { row: number; cells: unknown[] }[] = [];
  sheetRows(xml, SHARED, DATE_STYLES, false, (row, cells) => fast.push({ row, cells: [...cells] }));
  const general = sheetRows(xml, SHARED, DATE_STYLES, false);
  return { fast, general };
}

const COMMON_ROW =
  '<row r="2" spans="1:4" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1"><v>46327</v></c><c r="D2" t="s"><v>2</v></c></row>';

describe("the worksheet fast path", () => {
  const sheets: Record<string, string> = {
    "the common form": `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>${COMMON_ROW}</sheetData>`,
    "self-closing and missing cells, a blank row, numbers, booleans, errors, str, d":
      '<sheetData><row r="1"><c r="A1" s="2"/><c r="C1"><v>1.5</v></c><c r="D1" t="b"><v>1</v></c></row><row r="3"><c r="A3" s="1"/></row><row r="4"><c r="B4" t="e"><v>#N/A</v></c><c r="C4" t="str"><v>a_x000D_b</v></c><c r="D4" t="d"><v>2026-10-05T09:30:00</v></c></row><row r="5"></row></sheetData>',
    "entities and CR in a value (the full scanner decodes them)": `<sheetData>${COMMON_ROW}<row r="3"><c r="A3" t="str"><v>a &amp; b &#x4E2D;&#25991;\r\nc</v></c><c r="B3"><v>7</v></c></row><row r="4"><c r="A4" t="s"><v>3</v></c></row></sheetData>`,
    "inline strings: rich text runs, xml:space, phonetic runs": `<sheetData>${COMMON_ROW}<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve"> 乡镇</t></r><r><t>代码</t></r><rPh sb="0" eb="2"><t>ふりがな</t></rPh></is></c></row><row r="4"><c r="A4" t="s"><v>0</v></c></row></sheetData>`,
    "formulas, shared-string text that is no index, an index out of range, an empty value": `<sheetData>${COMMON_ROW}<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="s"><v>x</v></c><c r="C3" t="s"><v>99</v></c><c r="D3" t="s"><v></v></c></row></sheetData>`,
    "rows and cells without r, other attributes, a quoted > in an attribute": `<sheetData><row><c t="s"><v>0</v></c><c><v>3</v></c></row><row r="7" ht="20" customHeight="1"><c r="B7" s="2" t="s" cm="1"><v>1</v></c></row><row r="8" spans="a>b"><c r="A8"><v>8</v></c></row>${COMMON_ROW.replaceAll("2", "9")}</sheetData>`,
    "pretty-printed, with comments and a namespace prefix": `<sheetData>\n  <row r="1">\n    <c r="A1" t="s"><v>0</v></c>\n  </row>\n  <!-- a comment --><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c></x:row>\n${COMMON_ROW.replace('r="2"', 'r="3"')}</sheetData>`,
    "lower-case column letters, cells out of order":
      '<sheetData><row r="1"><c r="c1"><v>3</v></c><c r="A1"><v>1</v></c></row><row r="2"><c r="D2"><v>4</v></c><c r="B2"><v>2</v></c></row></sheetData>',
    "an empty sheet": "<sheetData/>",
    "no sheetData at all": "",
  };
  for (const [name, sheetData] of Object.entries(sheets))
    it(`reads ${name} as the full scanner does`, () => {
      const { fast, general } = bothWays(sheetData);
      expect(fast).toEqual(general);
      if (sheetData.includes("<row")) expect(general.length).toBeGreaterThan(0);
    });

  it("falls back from the row it cannot read, keeping the rows before it and reading those after it", () => {
    const { fast } = bothWays(
      `<sheetData>${COMMON_ROW}<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr"><is><t>中&amp;文</t></is></c></row><row r="4"><c r="A4" t="s"><v>2</v></c></row></sheetData>`,
    );
    expect(fast).toEqual([
      { row: 2, cells: ["编号", new Date(Date.UTC(2026, 10, 1)), null, "=1+2"] },
      { row: 3, cells: ["乡镇代码", "中&文"] },
      { row: 4, cells: ["=1+2"] },
    ]);
  });
});

describe("the shared-strings fast path", () => {
  const parts: Record<string, string> = {
    plain: "<si><t>编号</t></si><si><t>b</t></si>",
    "xml:space, entities, _xHHHH_ escapes, CRLF":
      '<si><t xml:space="preserve"> a </t></si><si><t>a &amp; &lt;b&gt; &#x4E2D;</t></si><si><t>x_x000D_y\r\nz</t></si><si><t></t></si>',
    "rich text and phonetic runs after plain ones":
      '<si><t>a</t></si><si><r><t>乡镇</t></r><r><rPr><b/></rPr><t>名称</t></r><rPh sb="0" eb="2"><t>xiangzhen</t></rPh></si><si><t>after</t></si>',
    "self-closing elements": "<si><t>a</t></si><si/><si><t/></si><si><t>z</t></si>",
    "pretty-printed": "\n  <si><t>a</t></si>\n  <si>\n    <t>b</t>\n  </si>\n",
    "a namespace prefix": "<x:si><x:t>a</x:t></x:si><x:si><x:t>b</x:t></x:si>",
  };
  for (const [name, body] of Object.entries(parts))
    it(`reads ${name} as the full scanner does`, () => {
      const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9">${body}</sst>`;
      const fast = sharedStrings(xml);
      expect(fast).toEqual(allSharedStrings(xml));
      expect(fast.length).toBeGreaterThan(0);
    });
});

/** The regular expression parseTime used for local text before it was read by char codes. */
const LOCAL_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
function regexTime(s: string): number {
  const m = LOCAL_TIME.exec(s.trim());
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
  const ms = m[7] ? Number(m[7].padEnd(3, "0")) : 0;
  const days = new Date(Date.UTC(y as number, mo as number, 0)).getUTCDate();
  if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > days)
    return Number.NaN;
  if ((h as number) > 23 || (mi as number) > 59 || (se as number) > 59) return Number.NaN;
  const t = Date.UTC(y as number, (mo as number) - 1, d, h, mi, se, ms) - 8 * 3_600_000;
  return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2100, 0, 1) ? t : Number.NaN;
}

describe("time text read by char codes", () => {
  it("takes exactly what the regular expression took, with the same instant", () => {
    for (const s of [
      "2026-10-05 09:30",
      "2026/1/5 9:30",
      "2026-10-05T09:30:15.25",
      "2026-10-05 09:30:15.250",
      "2026-10-05",
      " 2026-11-01 00:00\u3000",
      "2024-02-29 23:59:59.999",
      "2026-02-29",
      "2026-10-05 24:00",
      "2026-10-05 09:60",
      "2026-10-05 9:5",
      "2026-10-05 09:30:15.2500",
      "2026-10-5T",
      "2026-13-01",
      "2026-00-10",
      "1999-12-31 16:00",
      "2099-12-31 23:59:59.999",
      "0050-01-01",
    ])
      expect([s, timeValue(s)]).toEqual([s, regexTime(s)]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("2", "0", "1", "9", "6", "5", "-", "/", " ", "T", ":", ".", "x"), {
          maxLength: 24,
        }),
        fc.date({ min: new Date("1999-01-01"), max: new Date("2101-01-01"), noInvalidDate: true }),
        fc.nat(4),
        (chars, date, form) => {
          const iso = date.toISOString();
          const text = [
            chars.join(""),
            `${iso.slice(0, 10)} ${iso.slice(11, 16)}`,
            `${iso.slice(0, 10)}T${iso.slice(11, 23)}`,
            iso.slice(0, 10).replaceAll("-", "/").replace(/\/0/g, "/"),
            `${iso.slice(0, 19).replace("T", " ")}${chars.slice(0, 3).join("")}`,
          ][form] as string;
          expect(timeValue(text)).toEqual(regexTime(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("leaves the other forms and every problem to parseTime", () => {
    expect(timeValue("2026-10-05T09:30:00+08:00")).toBeNaN();
    expect(parseTime("2026-10-05T09:30:00+08:00")).toEqual({ ok: true, value: Date.UTC(2026, 9, 5, 1, 30) });
    expect(parseTime("2026-02-30")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("2026-02-30"),
    });
    expect(timeValue(46327)).toBeNaN();
    expect(timeValue(new Date(Date.UTC(2026, 10, 1)))).toBe(Date.UTC(2026, 9, 31, 16));
  });
});

describe("CSV without quotes, cut row by row", () => {
  it("gives the rows parseCsv gives", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "中", ",", "\r", "\n", "\r\n", " ", "'=1", "\u3000", ""), {
          maxLength: 30,
        }),
        (parts) => {
          const text = parts.join("");
          const parsed = parseCsv(text);
          if (!parsed.ok) throw new Error("text without quotes always splits");
          const expected = parsed.rows.map((cells, i) => ({
            row: i + 1,
            cells: cells.map((c) => (c === "" ? null : unescapeSpreadsheetCell(c))),
          }));
          const { tables, errors } = csvTables([
            { name: "乡镇.csv", bytes: new TextEncoder().encode(`\ufeff${text}`) },
          ]);
          expect(errors).toEqual([]);
          const rows: { row: number; cells: unknown[] }[] = [];
          tables[0]?.forEachRow((row, cells) => rows.push({ row, cells: [...cells] }));
          expect(rows).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
