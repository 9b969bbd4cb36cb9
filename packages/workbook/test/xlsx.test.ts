import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatWorkbookError, type ReadResult, readXlsx } from "../src/index";
import { isoString } from "../src/values";
import { isDateFormat, xlsxTables } from "../src/xlsx";

/** CRC-32 (ZIP's), so the hand-built archives are valid for any reader. */
function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A ZIP archive by hand: every other entry deflated, the rest stored, so both methods are read. */
function zip(files: Record<string, string>): Uint8Array {
  const enc = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (out: number[], n: number) => out.push(n & 0xff, (n >>> 8) & 0xff);
  const u32 = (out: number[], n: number) => out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
  let count = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = enc.encode(text);
    const method = count % 2 === 0 ? 8 : 0;
    const stored = method === 8 ? new Uint8Array(deflateRawSync(data)) : data;
    const nameBytes = enc.encode(name);
    const offset = local.length;
    const header = (out: number[]) => {
      u16(out, 20); // version needed
      u16(out, 0x0800); // UTF-8 names
      u16(out, method);
      u32(out, 0); // time, date
      u32(out, crc32(data));
      u32(out, stored.length);
      u32(out, data.length);
      u16(out, nameBytes.length);
      u16(out, 0);
    };
    u32(local, 0x04034b50);
    header(local);
    local.push(...nameBytes, ...stored);
    u32(central, 0x02014b50);
    u16(central, 20); // version made by
    header(central);
    u16(central, 0); // comment
    u16(central, 0); // disk
    u16(central, 0); // internal attributes
    u32(central, 0); // external attributes
    u32(central, offset);
    central.push(...nameBytes);
    count++;
  }
  const end: number[] = [];
  u32(end, 0x06054b50);
  u32(end, 0);
  u16(end, count);
  u16(end, count);
  u32(end, central.length);
  u32(end, local.length);
  u16(end, 0);
  return new Uint8Array([...local, ...central, ...end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The smallest workbook a program could write: its parts given as XML, sheets named in order. */
function minimalXlsx(opts: {
  sheets: Record<string, string>;
  shared?: string;
  styles?: string;
  workbookPr?: string;
}): Uint8Array {
  const names = Object.keys(opts.sheets);
  const files: Record<string, string> = {
    "_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0"?><workbook ${NS} ${R_NS}>${opts.workbookPr ?? ""}<sheets>${names
      .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/s${i + 1}.xml"/>`,
      )
      .join(
        "",
      )}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="/xl/strings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  };
  names.forEach((n, i) => {
    files[`xl/worksheets/s${i + 1}.xml`] =
      `<?xml version="1.0"?><worksheet ${NS}><sheetData>${opts.sheets[n]}</sheetData></worksheet>`;
  });
  if (opts.shared) files["xl/strings.xml"] = `<sst ${NS}>${opts.shared}</sst>`;
  if (opts.styles) files["xl/styles.xml"] = `<styleSheet ${NS}>${opts.styles}</styleSheet>`;
  return zip(files);
}

async function cells(bytes: Uint8Array) {
  const r = await xlsxTables(bytes);
  if (!r.ok) throw new Error(r.problem);
  return Object.fromEntries(r.tables.map((t) => [t.name, t.rows]));
}
function messages(r: ReadResult): string[] {
  if (r.ok) throw new Error("expected errors");
  return r.errors.map(formatWorkbookError);
}

const wallClock = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min, s));

describe("the xlsx reader on hand-built workbooks", () => {
  it("reads a minimal workbook: inline strings (rich runs, no phonetics), every cell type, no styles or shared strings", async () => {
    const bytes = minimalXlsx({
      sheets: {
        甲: [
          '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">乡镇</t></r><r><t>代码</t></r><rPh sb="0" eb="2"><t>ふりがな</t></rPh></is></c></row>',
          '<row r="3"><c r="A3"><v>42</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c>',
          '<c r="D3" t="str"><f>A3&amp;"x"</f><v>42x</v></c><c r="E3"><f>A3*2</f><v>84</v></c><c r="F3" t="str"><f>NA()</f></c></row>',
          '<row><c><v>1.5</v></c><c/><c t="inlineStr"><is><t>a &lt;b&gt; &amp; &#x4E2D;&#25991;_x000D_\r\nline</t></is></c></row>',
          '<row r="9"><c r="B9" t="inlineStr"><is><t>\'=1+2</t></is></c><c r="C9" t="d"><v>2026-10-05T09:30:00</v></c></row>',
          '<row r="10"><c r="A10" s="0"/></row><row r="11"/>',
        ].join(""),
      },
    });
    expect(await cells(bytes)).toEqual({
      甲: [
        { row: 1, cells: ["编号", null, "乡镇代码"] },
        { row: 3, cells: [42, true, "#N/A", "42x", 84] },
        { row: 4, cells: [1.5, null, "a <b> & 中文\r\nline"] },
        { row: 9, cells: [null, "=1+2", wallClock(2026, 10, 5, 9, 30)] },
      ],
    });
  });

  it("reads rich-text shared strings as one text, leaving out phonetic runs, and a namespace prefix", async () => {
    const bytes = minimalXlsx({
      sheets: {
        乡镇: '<x:row r="1" xmlns:x="urn:x"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>8608</v></c></row>',
      },
      shared: [
        "<si><t>乡镇代码</t></si>",
        '<si><r><t>乡镇</t></r><r><rPr><color rgb="FFFF0000"/></rPr><t>名称</t></r><rPh sb="0" eb="2"><t>xiangzhen</t></rPh><phoneticPr fontId="1"/></si>',
        "<si><t>户籍<![CDATA[人口]]></t></si>",
        "<si><t> 510722100 </t></si>",
        "<si><r><t>城关</t></r><r><t>镇</t></r></si>",
      ].join(""),
    });
    const r = await readXlsx(bytes);
    expect(r.ok && r.records.townships).toEqual([
      { row: 2, code: "510722100", name: "城关镇", population: 8608 },
    ]);
  });

  it("recognises date cells by their style: built-in date formats, custom ones, not quoted letters or colours", async () => {
    const formats: [number, string | null][] = [
      [0, null], // General
      [14, null],
      [22, null],
      [31, null], // East Asian 年月日
      [2, null], // 0.00
      [49, null], // @
      [164, 'yyyy"年"m"月"d"日" hh:mm'],
      [165, '0.0" days"'],
      [166, "[Red]#,##0;[Blue]\\-#,##0"],
      [167, "[$-804]dddd"],
      [168, "0_m"],
    ];
    const numFmts = formats
      .filter(([, code]) => code !== null)
      .map(
        ([id, code]) => `<numFmt numFmtId="${id}" formatCode="${(code as string).replace(/"/g, "&quot;")}"/>`,
      );
    const styles = `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="${formats.length}">${formats
      .map(([id]) => `<xf numFmtId="${id}" applyNumberFormat="1"><alignment/></xf>`)
      .join("")}</cellXfs>`;
    const row = formats.map((_, i) => `<c s="${i}"><v>46300.5</v></c>`).join("");
    const bytes = minimalXlsx({ sheets: { 甲: `<row r="1">${row}</row>` }, styles });
    const date = wallClock(2026, 10, 5, 12);
    expect((await cells(bytes)).甲?.[0]?.cells).toEqual([
      46300.5,
      date,
      date,
      date,
      46300.5,
      46300.5,
      date,
      46300.5,
      46300.5,
      date,
      46300.5,
    ]);
  });

  it("reads serials in the 1904 date system when the workbook says so", async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs>';
    const sheet = '<row r="1"><c s="1"><v>44838.5</v></c></row>';
    const in1904 = await cells(
      minimalXlsx({ sheets: { 甲: sheet }, styles, workbookPr: '<workbookPr date1904="1"/>' }),
    );
    const in1900 = await cells(minimalXlsx({ sheets: { 甲: sheet }, styles, workbookPr: "<workbookPr/>" }));
    expect(in1904.甲?.[0]?.cells).toEqual([wallClock(2026, 10, 5, 12)]);
    expect(in1900.甲?.[0]?.cells).toEqual([wallClock(2022, 10, 4, 12)]);
  });

  it("names what is wrong with a file that is not a readable workbook", async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const good = minimalXlsx({ sheets: { 甲: "" } });
    const noWorkbook = zip({ "xl/worksheets/sheet1.xml": "<worksheet/>" });
    const problems = await Promise.all(
      [ole, good.slice(0, good.length - 30), noWorkbook, new Uint8Array()].map(async (b) =>
        messages(await readXlsx(b)),
      ),
    );
    expect(problems).toEqual([
      [
        "工作簿：不是有效的 Excel 工作簿（.xlsx）：这是旧版 .xls 文件或加了密码的工作簿；请在 Excel 中另存为 .xlsx（不设密码）",
      ],
      ["工作簿：不是有效的 Excel 工作簿（.xlsx）：文件不是 ZIP 压缩包"],
      ["工作簿：不是有效的 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml"],
      ["工作簿：不是有效的 Excel 工作簿（.xlsx）：文件不是 ZIP 压缩包"],
    ]);
  });
});

describe("the xlsx reader on a workbook exceljs wrote", () => {
  it("reads what exceljs reads: rich text, formulas, hyperlinks, booleans, errors, dates, 1904", async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet("杂项");
      ws.addRow(["文字", 12.25, true, wallClock(2026, 10, 5, 9, 30, 15)]);
      ws.addRow([
        { richText: [{ text: "红" }, { font: { bold: true }, text: "色" }] },
        { formula: "B1*2", result: 24.5 },
        { formula: 'A1&"!"', result: "文字!" },
        { error: "#DIV/0!" },
      ]);
      ws.addRow([{ text: "链接", hyperlink: "https://example.org" }, null, "", "'=SUM(A1)"]);
      const custom = ws.getCell("E1");
      custom.value = date1904 ? 46300.25 - 1462 : 46300.25; // a raw serial, in the workbook's system
      custom.numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell("F1").value = 7;
      ws.getCell("F1").numFmt = '0" 天"';
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

      const ours = await cells(bytes);
      expect(ours).toEqual({
        杂项: [
          {
            row: 1,
            cells: ["文字", 12.25, true, wallClock(2026, 10, 5, 9, 30, 15), wallClock(2026, 10, 5, 6), 7],
          },
          { row: 2, cells: ["红色", 24.5, "文字!", "#DIV/0!"] },
          { row: 3, cells: ["链接", null, "", "=SUM(A1)"] }, // "" is an empty text cell: blank to the reader
        ],
      });
      // exceljs reads the same dates back from what it wrote (the 1904 flag included).
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(back.getWorksheet("杂项")?.getCell("D1").value).toEqual(wallClock(2026, 10, 5, 9, 30, 15));
    }
  });
});

describe("inflating", () => {
  it("reads the same with an injected synchronous inflater (the command line's) as with the platform's", async () => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, "golden", "data.xlsx")));
    const platform = await readXlsx(bytes);
    const injected = await readXlsx(bytes, { inflateRaw: inflateRawSync });
    expect(platform.ok).toBe(true);
    expect(injected).toEqual(platform);
  });

  it("names a worksheet whose XML breaks off while it is scanned row by row, as a workbook problem", async () => {
    const broken = minimalXlsx({
      sheets: { 乡镇: '<row r="1"><c r="A1" t="inlineStr"><is><t>乡镇代码</t></is></c><c r="B1' },
    });
    for (const options of [{}, { inflateRaw: inflateRawSync }])
      expect(messages(await readXlsx(broken, options))).toEqual([
        "工作簿：不是有效的 Excel 工作簿（.xlsx）：无法读取（XML 属性未结束）",
      ]);
  });
});

describe("merged cells", () => {
  it("give every cell of the merged area the top-left cell's value, as on screen", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("乡镇").addRows([
      ["乡镇代码", "乡镇名称", "户籍人口"],
      ["510722100", "城关镇", 8608],
    ]);
    const ws = wb.addWorksheet("矛盾纠纷");
    ws.addRows([
      ["编号", "乡镇代码", "纠纷等级", "上报时间"],
      ["d1", "510722100", "蓝色", "2026-10-05 09:30"],
      ["d2", null, null, "2026-10-06 09:30"],
      ["d3", null, null, "2026-10-07 09:30"],
    ]);
    ws.mergeCells("B2:B4");
    ws.mergeCells("C2:C3");
    ws.getCell("C4").value = "红色";
    const r = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.ok && r.records.disputes.map((d) => [d.id, d.townshipCode, d.level])).toEqual([
      ["d1", "510722100", "blue"],
      ["d2", "510722100", "blue"],
      ["d3", "510722100", "red"],
    ]);
  });
});

describe("helpers", () => {
  it("formats instants exactly as toISOString does", () => {
    const samples = [
      Date.UTC(2000, 0, 1),
      Date.UTC(2099, 11, 31, 23, 59, 59, 999),
      Date.UTC(2024, 1, 29, 12),
    ];
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 86_400_000 * 3.7 + 1234.5) {
      samples.push(Math.floor(ms));
    }
    expect(samples.map(isoString)).toEqual(samples.map((ms) => new Date(ms).toISOString()));
  });

  it("tells date formats from others", () => {
    expect(
      ["yyyy-mm-dd", "h:mm AM/PM", "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "YYYY/M/D", "[h]:mm:ss"].map(
        isDateFormat,
      ),
    ).toEqual([true, true, true, true, true]);
    expect(
      ["General", "0.00", '#,##0" 元"', "0.00E+00", "@", "[Red]0", "\\d0", "0_)"].map(isDateFormat),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });
});
