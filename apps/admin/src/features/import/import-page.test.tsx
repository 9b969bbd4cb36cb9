import type { ImportKind, ImportRow, ImportRowInput, ImportRowResult } from "@pingan/contracts";
import { importRowsOf } from "@pingan/contracts";
import { readXlsx } from "@pingan/workbook";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, waitFor } from "../../test-support/render";
import ImportPage from "./import-page";
import { sha256 } from "./import-run";

/** What the page hands to the browser's download, as bytes. */
const downloads = vi.hoisted(() => [] as { name: string; bytes: Promise<ArrayBuffer> }[]);
vi.mock("../../shared/download-file", () => ({
  downloadBlob: (blob: Blob, name: string) => downloads.push({ name, bytes: blob.arrayBuffer() }),
}));

let view: Rendered | undefined;
afterEach(() => {
  cleanUp(view);
  downloads.length = 0;
});

const CODE = "510722100";
/** The page reads the schemes of this year and the four before it. */
const FOUR_YEARS_AGO = new Date().getFullYear() - 4;
const csv = (name: string, lines: string[]) => ({
  name,
  bytes: new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`),
});

/** Chooses files in the page's file input, as the browser's picker would. */
async function choose(v: Rendered, files: { name: string; bytes: Uint8Array }[]) {
  const input = v.container.querySelector<HTMLInputElement>('[data-testid="import-file"]');
  if (!input) throw new Error("no file input");
  const list = files.map((f) => new File([f.bytes as BlobPart], f.name, { type: "text/csv" }));
  Object.defineProperty(input, "files", { configurable: true, value: list });
  await act(async () => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

type PreviewInput = { townshipId: string; rows: ImportRowInput[] };
type CommitInput = PreviewInput & { fileName: string; fileDigest: string };

function api(
  preview: (rows: ImportRowInput[]) => ImportRowResult[],
  commits: CommitInput[] = [],
  stored: ImportRow[] = [],
) {
  return fakeApi({
    "onboarding.township": { id: "t1", countyId: "c1", code: CODE, name: "城关镇", status: "active" },
    "imports.export": (input: { type: ImportKind }) => ({
      rows: stored.filter((r) => r.type === input.type),
      cursor: null,
    }),
    // The county's own vocabularies: a category and a scheme item of its own.
    "keyPersons.categories": [
      { code: "community_correction", name: "社区矫正对象", per: "month", times: 4 },
      { code: "drug_involved", name: "涉毒人员", per: "month", times: 2 },
    ],
    // The scheme of four years ago still had an item the county has since dropped.
    "events.items": (input: { year: number }) => ({
      year: input.year,
      version: 1,
      items: [
        { code: "monthly_meeting", name: "综治例会" },
        { code: "anti_fraud_outreach", name: "反诈宣传进村" },
        ...(input.year === FOUR_YEARS_AGO ? [{ code: "road_guard", name: "护路联防" }] : []),
      ],
    }),
    "imports.preview": (input: PreviewInput) => {
      const rows = preview(input.rows);
      const counts = { new: 0, changed: 0, unchanged: 0, locked: 0, error: 0 };
      for (const r of rows) counts[r.status] += 1;
      return { rows, counts };
    },
    "imports.commit": (input: CommitInput) => {
      commits.push(input);
      return { created: input.rows.length, updated: 0, unchanged: 0, locked: 0, lockedRows: [] };
    },
  });
}

const result = (r: ImportRowInput, status: ImportRowResult["status"], extra = {}): ImportRowResult => ({
  row: r.row,
  type: r.type,
  sourceId: r.sourceId,
  townshipCode: r.townshipCode,
  status,
  ...extra,
});

/** A township admin chooses these files; the rows the page sends to preview once it has counts. */
async function sentOnImport(files: ReturnType<typeof csv>[]): Promise<ImportRowInput[]> {
  const sent: ImportRowInput[] = [];
  api((rows) => {
    sent.push(...rows);
    return rows.map((r) => result(r, "new"));
  });
  view = await renderPage(<ImportPage />, { role: "township_admin", townshipId: "t1" });
  await waitFor(() => view?.container.textContent?.includes(`城关镇（${CODE}）`));
  await choose(view, files);
  await waitFor(() => view?.container.querySelector('[data-testid="import-counts"]'), 10_000);
  return sent;
}

const cellTexts = (table: Element) =>
  [...table.querySelectorAll("tbody tr.ant-table-row")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
  );

describe("ImportPage", { timeout: 30_000 }, () => {
  it("lists every error of the file (sheet, row, column, Chinese message) and sends nothing", async () => {
    const calls = api(() => {
      throw new Error("preview must not be called");
    });
    view = await renderPage(<ImportPage />, { role: "township_admin", townshipId: "t1" });
    await waitFor(() => view?.container.textContent?.includes(`城关镇（${CODE}）`));
    await choose(view, [
      csv("矛盾纠纷.csv", [
        "编号,乡镇代码,纠纷等级,上报时间",
        `D1,${CODE},紫色,2026-10-03 09:00`,
        "D2,510722999,红色,2026-10-04 09:00",
        `D3,${CODE},红色,十月四日`,
      ]),
      csv("案件.csv", ["编号,乡镇代码,发案时间,案件类别", `C1,${CODE},2026-10-05 22:00,刑事`]),
    ]);
    const table = await waitFor(() => view?.container.querySelector('[data-testid="import-errors"]'), 10_000);
    const rows = cellTexts(table);
    expect(rows).toHaveLength(4);
    // A CSV file's errors name the file.
    expect(rows).toContainEqual([
      "矛盾纠纷.csv",
      "2",
      "纠纷等级",
      "应为 红色、黄色、蓝色 之一，实为「紫色」",
    ]);
    expect(rows.find((r) => r[1] === "3")?.slice(0, 3)).toEqual(["矛盾纠纷.csv", "3", "乡镇代码"]);
    expect(rows.find((r) => r[1] === "3")?.[3]).toContain("510722999");
    expect(rows.find((r) => r[1] === "4")?.slice(0, 3)).toEqual(["矛盾纠纷.csv", "4", "上报时间"]);
    expect(rows).toContainEqual(["案件.csv", "1", "严重程度", "缺少必填列"]);
    expect(view.container.textContent).toContain("文件有 4 处错误，未导入任何记录");
    expect(
      calls.filter((c) => c.path.startsWith("imports.preview") || c.path.startsWith("imports.commit")),
    ).toEqual([]);
  });

  it("previews counts per sheet and township and the locked rows with why, then imports with the file's digest", async () => {
    const commits: CommitInput[] = [];
    api(
      (rows) =>
        rows.map((r) =>
          r.sourceId === "D2"
            ? result(r, "changed", { changedFields: ["level"] })
            : r.type === "incident"
              ? result(r, "locked", {
                  months: ["2026-09"],
                  messages: [
                    `案件 第${r.row}行：涉及的月份2026-09 已审核通过，导入不会修改，请联系县级管理员处理`,
                  ],
                })
              : result(r, "new"),
        ),
      commits,
    );
    view = await renderPage(<ImportPage />, { role: "township_admin", townshipId: "t1" });
    await waitFor(() => view?.container.textContent?.includes(`城关镇（${CODE}）`));
    const files = [
      csv("矛盾纠纷.csv", [
        "编号,乡镇代码,纠纷等级,上报时间",
        `D1,${CODE},红色,2026-10-03 09:00`,
        `D2,${CODE},黄色,2026-10-04 09:00`,
      ]),
      csv("案件.csv", ["编号,乡镇代码,发案时间,案件类别,严重程度", `C1,${CODE},2026-09-10 22:00,刑事,一般`]),
    ];
    await choose(view, files);
    const counts = await waitFor(
      () => view?.container.querySelector('[data-testid="import-counts"]'),
      10_000,
    );
    expect(cellTexts(counts)).toEqual([
      ["矛盾纠纷", `城关镇（${CODE}）`, "1", "1", "0", "0"],
      ["案件", `城关镇（${CODE}）`, "0", "0", "0", "1"],
    ]);
    expect(view.container.querySelector('[data-testid="import-preview-summary"]')?.textContent).toBe(
      "共 3 条记录：新增 1，变更 1，未变 0，已锁定 1",
    );
    const locked = view.container.querySelector('[data-testid="import-locked"]');
    expect(locked && cellTexts(locked)[0]?.slice(0, 4)).toEqual(["2", "C1", "城关镇", "2026-09"]);
    expect(locked?.textContent).toContain("已审核通过，导入不会修改");

    const confirm = [...view.container.querySelectorAll("button")].find((b) =>
      b.textContent?.includes("确认导入 2 条记录"),
    );
    await click(confirm);
    const done = await waitFor(() => view?.container.querySelector('[data-testid="import-done-summary"]'));
    expect(done.textContent).toBe("新增 2，变更 0，未变 0，已锁定未修改 1");
    // Only the new and changed rows are written; the locked one is left to the county.
    expect(commits).toHaveLength(1);
    expect(commits[0]?.rows.map((r) => r.sourceId)).toEqual(["D1", "D2"]);
    expect(commits[0]?.fileName).toBe("矛盾纠纷.csv、案件.csv");
    const digest = await sha256(
      new TextEncoder().encode(
        (
          await Promise.all(
            [...files]
              .sort((a, b) => (a.name < b.name ? -1 : 1))
              .map(async (f) => `${f.name}\t${await sha256(f.bytes)}\n`),
          )
        ).join(""),
      ),
    );
    expect(commits[0]?.fileDigest).toBe(digest);
    expect(commits[0]?.townshipId).toBe("t1");
  });

  it("says the file matches when every row is unchanged, and offers no import", async () => {
    api((rows) => rows.map((r) => result(r, "unchanged")));
    view = await renderPage(<ImportPage />, { role: "township_admin", townshipId: "t1" });
    await waitFor(() => view?.container.textContent?.includes(`城关镇（${CODE}）`));
    await choose(view, [
      csv("矛盾纠纷.csv", ["编号,乡镇代码,纠纷等级,上报时间", `D1,${CODE},红色,2026-10-03 09:00`]),
    ]);
    await waitFor(() => view?.container.querySelector('[data-testid="import-counts"]'), 10_000);
    expect(view.container.textContent).toContain("没有需要写入的记录：文件与系统中的记录一致。");
    expect(
      [...view.container.querySelectorAll("button")].some((b) => b.textContent?.includes("确认导入")),
    ).toBe(false);
  });

  it("reads the county's own category and scheme item by their Chinese names, and sends their codes", async () => {
    const sent = await sentOnImport([
      csv("重点人员.csv", ["编号,乡镇代码,人员类别,列管时间", `K1,${CODE},涉毒人员,2026-09-01`]),
      csv("工作纪实.csv", ["编号,乡镇代码,事件类型,发生时间", `E1,${CODE},反诈宣传进村,2026-09-20 09:00`]),
    ]);
    expect(
      sent.map((r) => (r.type === "keyPerson" ? r.category : r.type === "event" ? r.kind : r.type)),
    ).toEqual(["drug_involved", "anti_fraud_outreach"]);
  });

  it("names an item that only an older scheme had by that scheme, for a file reaching back four years", async () => {
    const sent = await sentOnImport([
      csv("工作纪实.csv", [
        "编号,乡镇代码,事件类型,发生时间",
        `E9,${CODE},护路联防,${FOUR_YEARS_AGO}-05-10 09:00`,
      ]),
    ]);
    expect(sent.map((r) => (r.type === "event" ? r.kind : r.type))).toEqual(["road_guard"]);
  });

  it("refuses a category the county does not list, naming the ones it does", async () => {
    api(() => {
      throw new Error("preview must not be called");
    });
    view = await renderPage(<ImportPage />, { role: "township_admin", townshipId: "t1" });
    await waitFor(() => view?.container.textContent?.includes(`城关镇（${CODE}）`));
    await choose(view, [
      csv("重点人员.csv", ["编号,乡镇代码,人员类别,列管时间", `K1,${CODE},刑满释放人员,2026-09-01`]),
    ]);
    const table = await waitFor(() => view?.container.querySelector('[data-testid="import-errors"]'), 10_000);
    expect(cellTexts(table)).toEqual([
      ["重点人员.csv", "2", "人员类别", "应为 社区矫正对象、涉毒人员 之一，实为「刑满释放人员」"],
    ]);
  });

  it("exports the county's own category and scheme item by their Chinese names, and the file reads back the same", async () => {
    // Stored records: a county category and a built-in one; a county scheme item and a built-in event.
    const stored = [
      {
        type: "keyPerson",
        row: 2,
        sourceId: "K1",
        townshipCode: CODE,
        category: "drug_involved",
        registeredAt: "2026-09-01T01:00:00.000Z",
      },
      {
        type: "keyPerson",
        row: 3,
        sourceId: "K2",
        townshipCode: CODE,
        category: "community_correction",
        registeredAt: "2026-09-02T01:00:00.000Z",
      },
      {
        type: "event",
        row: 2,
        sourceId: "E1",
        townshipCode: CODE,
        kind: "anti_fraud_outreach",
        occurredAt: "2026-09-20T01:00:00.000Z",
        count: 1,
      },
      {
        type: "event",
        row: 3,
        sourceId: "E2",
        townshipCode: CODE,
        kind: "monthly_meeting",
        occurredAt: "2026-09-21T01:00:00.000Z",
        count: 1,
      },
    ] as ImportRow[];
    const calls = api(() => [], [], stored);
    view = await renderPage(<ImportPage />, { role: "township_admin", townshipId: "t1" });
    await waitFor(() => view?.container.textContent?.includes(`城关镇（${CODE}）`));
    const button = [...view.container.querySelectorAll("button")].find((b) => b.textContent === "导出");
    await click(button);
    await waitFor(() => (downloads.length > 0 ? true : null), 10_000);
    expect(downloads[0]?.name).toMatch(/^记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = new Uint8Array(await (downloads[0]?.bytes as Promise<ArrayBuffer>));
    // The scheme items of the exported events' year, read through the admin's township.
    expect(calls.filter((c) => c.path === "events.items").map((c) => c.input)).toEqual([
      { townshipId: "t1", year: 2026 },
    ]);

    // Without the county's words the reader names what the cells hold: the Chinese names, not codes.
    const bare = await readXlsx(bytes, { townshipCodes: [CODE] });
    expect(bare.ok).toBe(false);
    const messages = bare.ok ? [] : bare.errors.map((e) => `${e.sheet}/${e.row}/${e.column}: ${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^重点人员\/2\/人员类别: .*实为「涉毒人员」$/),
      expect.stringMatching(/^工作纪实\/2\/事件类型: .*实为「反诈宣传进村」$/),
    ]);

    // With them, the file reads back as the same records (built-in values keep their app names).
    const read = await readXlsx(bytes, {
      townshipCodes: [CODE],
      keyPersonCategories: [
        { code: "community_correction", name: "社区矫正对象" },
        { code: "drug_involved", name: "涉毒人员" },
      ],
      eventNames: { monthly_meeting: "综治例会", anti_fraud_outreach: "反诈宣传进村" },
    });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(importRowsOf(read.records as never)).toEqual(stored);
  });
});
