import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Locale, translate } from "../../i18n/dictionary";
import { IndicatorTable } from "../../shared/indicator-table";
import { submissionStatus } from "../../shared/submission-status";
import { cleanUp, fakeApi, renderPage, signIn } from "../../test-support/fake-api";
import { click, HAN, type Rendered, waitFor } from "../../test-support/render";
import ReviewPage from "./review-page";

const entry = { reason: "技防达标", enteredAt: "2026-11-03T02:00:00.000Z" };
const queueRow = {
  name: "Chengguan",
  code: "510722100",
  townshipId: "t1",
  month: "2026-10",
  version: 3,
  status: "submitted",
  locked: false,
  deadline: "2026-11-05T16:00:00.000Z",
  submittedAt: "2026-11-02T02:00:00.000Z",
  returnReason: null,
  pendingEntries: 1,
  noRecords: false,
  manualScores: [{ ...entry, id: "m1", indicator: "I10", value: 6, enteredBy: "u2", effective: false }],
  adjustments: [
    {
      ...entry,
      id: "a1",
      indicator: "I03",
      event: "monthly_meeting",
      value: 1,
      enteredBy: "u1",
      effective: true,
    },
  ],
};
const indicator = {
  code: "I03",
  name: "Disputes",
  maxScore: 10,
  score: 8,
  base: 10,
  deductions: 2,
  bonus: 0,
  zeroed: true,
  metric: 0.9,
  notes: ["红色纠纷 1 件"],
  records: [{ kind: "dispute", id: "d1" }],
};
const preview = {
  month: "2026-10",
  asOf: "2026-11-02T02:00:00.000Z",
  schemeVersion: 1,
  total: 88.5,
  bonus: 0,
  grade: "B",
  vetoed: true,
  rank: 2,
  townships: 5,
  toNextRank: 1.5,
  nextGrade: "A",
  toNextGrade: 1.5,
  notes: [],
  indicators: [indicator],
};

/** The server's month due: the queue opens on it (not on the browser's clock). */
const cycle = {
  dueMonth: "2026-10",
  deadline: "2026-11-05T16:00:00.000Z",
  deadlineText: "2026年11月5日24时",
  deadlineDay: 5,
  currentMonth: "2026-11",
  now: "2026-11-03T02:00:00.000Z",
};

let view: Rendered | undefined;
beforeEach(() => signIn({ id: "u1", name: "Reviewer", role: "county_reviewer", countyId: "c1" }));
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

async function openReview(locale?: Locale): Promise<Element> {
  fakeApi({
    "submissions.cycle": cycle,
    "submissions.list": [queueRow],
    "submissions.preview": preview,
    "reviewFlags.queue": [{ townshipId: "t1", flags: 2, open: 1 }],
    "reviewFlags.list": { month: "2026-10", counts: null, flags: [], lifted: [] },
  });
  view = await renderPage(<ReviewPage />, { locale });
  // Generous waits: the drawer now loads its flags too, and the machine running the tests may be busy.
  const row = await waitFor(() => view?.container.querySelector(".ant-table-row"), 10_000);
  await click(row);
  const drawer = await waitFor(() => document.querySelector(".ant-drawer-open"), 10_000);
  await waitFor(() => drawer.querySelector('[data-testid="review-total"]'), 10_000);
  return drawer;
}

/** The drawer's text without what came from the data: names, reasons and the engine's notes. */
const chrome = (text: string) => text.replace(/红色纠纷 1 件|技防达标/g, "");

describe("review queue in both languages", { timeout: 20_000 }, () => {
  it("keeps the Chinese words the reviewers know", async () => {
    const drawer = await openReview();
    const page = view?.container.textContent ?? "";
    for (const zh of ["审核队列", "乡镇", "状态", "提交时间", "待复核", "待审核", "异常提示"])
      expect(page).toContain(zh);
    // The queue's flag count comes from reviewFlags.queue: 2 flags, 1 still without an action.
    const flagCount = await waitFor(
      () => view?.container.querySelector('[data-testid="flag-count"]'),
      10_000,
    );
    expect(flagCount.textContent).toBe("21 项待处理");
    const text = drawer.textContent ?? "";
    for (const zh of [
      "Chengguan · 2026年10月填报审核",
      "实时得分",
      "88.50（B）",
      "一票否决",
      "县内名次",
      "审核通过",
      "有人工评分或调整待第二名审核人员复核，复核后方可审核通过。",
      "人工评分与调整",
      "人工评分",
      "加减分调整",
      "6 分",
      "理由：技防达标",
      "复核确认",
      "已复核",
      "指标得分（实时）",
      "不得分",
      "红色纠纷 1 件",
    ])
      expect(text).toContain(zh);
    // antd spaces out a two-character button (「退 回」), as it always has.
    const buttons = [...drawer.querySelectorAll("button")].map((b) => b.textContent?.replace(/\s/g, ""));
    expect(buttons).toEqual(expect.arrayContaining(["审核通过", "退回", "复核确认"]));
    const headers = [...drawer.querySelectorAll("th")].map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(["指标", "得分", "扣分", "加分", "指标值"]));
  });

  it("shows the queue and the drawer in English, the engine's notes as they are", async () => {
    const drawer = await openReview("en");
    const page = view?.container.textContent ?? "";
    for (const en of [
      "Review queue",
      "Township",
      "Status",
      "Submitted at",
      "To confirm",
      "Awaiting review",
      "Flags",
    ])
      expect(page).toContain(en);
    expect(page).toContain("1 open");
    expect(page).not.toMatch(HAN);
    expect(view?.container.querySelector('[aria-label="Month"]')).not.toBeNull();

    const text = drawer.textContent ?? "";
    for (const en of [
      "Chengguan · review of 2026-10",
      "Live score",
      "88.50 (B)",
      "Vetoed",
      "Rank in the county",
      "Approve",
      "Return",
      "await a second reviewer",
      "Manual scores and adjustments",
      "Manual score",
      "Bonus or deduction",
      "6 pts",
      "Reason: 技防达标",
      "Confirm",
      "Confirmed",
      "Indicator scores (live)",
      "Zeroed",
      "Related records: 1",
    ])
      expect(text).toContain(en);
    // The engine's notes stay in Chinese; the event's name comes from the domain's labels.
    expect(text).toContain("红色纠纷 1 件");
    expect(chrome(text).replace("综治例会", "")).not.toMatch(HAN);
    const headers = [...drawer.querySelectorAll("th")].map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(["Indicator", "Score", "Deductions", "Bonus", "Metric"]));
  });

  it("asks for the reason to return in English", async () => {
    const drawer = await openReview("en");
    await click([...drawer.querySelectorAll("button")].find((b) => b.textContent === "Return"));
    const modal = await waitFor(() => document.querySelector(".ant-modal"));
    expect(modal.querySelector(".ant-modal-title")?.textContent).toBe("Return to the township");
    expect(modal.textContent).toContain("Reason for returning");
    await click(modal.querySelector(".ant-btn-primary"));
    await waitFor(() => (modal.textContent?.includes("Give the reason for returning") ? modal : null));
    expect(modal.querySelector(".ant-modal-body")?.textContent).not.toMatch(HAN);
  });

  it("names every status in both languages, Chinese as before", () => {
    const zh = (s: string) => submissionStatus((k) => translate("zh-CN", k), s);
    const en = (s: string) => submissionStatus((k) => translate("en", k), s);
    expect(["draft", "submitted", "returned", "approved"].map((s) => zh(s).text)).toEqual([
      "未提交",
      "待审核",
      "已退回",
      "已审核",
    ]);
    expect(en("returned")).toEqual({ text: "Returned", color: "red" });
    expect(en("weird")).toEqual({ text: "weird", color: undefined });
  });
});

describe("indicator records in English", { timeout: 20_000 }, () => {
  it("groups and summarises the records behind an indicator in English", async () => {
    fakeApi({
      "disputes.get": {
        townshipId: "t1",
        id: "d1",
        level: "red",
        category: "Land",
        partiesBrief: "Li and Wang",
        reportedAt: "2026-11-02T16:30:00.000Z",
        attempts: [],
        outcome: "resolved",
      },
    });
    view = await renderPage(
      <IndicatorTable
        townshipId="t1"
        rows={[{ ...indicator, records: [...indicator.records, { kind: "petition", id: "gone" }] }]}
      />,
      { locale: "en" },
    );
    await click(
      [...view.container.querySelectorAll("button")].find((b) => b.textContent === "Related records: 2"),
    );
    const drawer = await waitFor(() => document.querySelector('[data-testid="indicator-records"]'));
    const dispute = await waitFor(() => drawer.querySelector('[data-testid="record-d1"]'));
    expect(dispute.textContent).toBe("RedLand · Li and Wang · registered 2026-11-03 00:30 · Resolved");
    await waitFor(() => (drawer.textContent?.includes("Could not load: Not found") ? true : null));
    const headers = [...drawer.querySelectorAll("section h5")].map((h) => h.textContent);
    expect(headers).toEqual(["Disputes (1)", "Petitions (1)"]);
    expect(document.querySelector(".ant-drawer-open .ant-drawer-title")?.textContent).toBe(
      "Disputes: related records",
    );
    expect(drawer.textContent).not.toMatch(HAN);
  });
});
