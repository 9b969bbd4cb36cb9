import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Locale, translate } from "../../i18n/dictionary";
import { cleanUp, fakeApi, renderPage, signIn } from "../../test-support/fake-api";
import { HAN, type Rendered, waitFor } from "../../test-support/render";
import SupervisionPage, { timeLeft } from "./supervision-page";

const board = {
  counts: { red: 1, yellow: 1, green: 0 },
  disputes: [
    {
      id: "d1",
      townshipId: "t1",
      townshipName: "Chengguan",
      light: "red",
      level: "yellow",
      category: "Land",
      partiesBrief: "Li and Wang",
      reportedAt: "2026-11-02T02:00:00.000Z",
      dueAt: "2026-11-12T02:00:00.000Z",
      hoursLeft: -50,
      attempts: 2,
    },
    {
      id: "d2",
      townshipId: "t1",
      townshipName: "Chengguan",
      light: "yellow",
      level: "blue",
      category: "Neighbours",
      partiesBrief: "Zhang and Zhao",
      reportedAt: "2026-11-10T02:00:00.000Z",
      dueAt: "2026-11-20T02:00:00.000Z",
      hoursLeft: 5,
      attempts: 0,
    },
  ],
};
const late = {
  deadline: "2026-11-05T16:00:00.000Z",
  deadlinePassed: true,
  townships: [{ townshipId: "t2", name: "Xihu", code: "510722101", status: "draft", locked: true }],
};

let view: Rendered | undefined;
beforeEach(() => signIn({ id: "u1", name: "Admin", role: "county_admin", countyId: "c1" }));
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

async function renderBoard(locale?: Locale, answers: Record<string, unknown> = {}) {
  fakeApi({
    "onboarding.listTownships": [],
    "supervision.disputes": board,
    "supervision.lateSubmissions": late,
    "supervision.keyPersons": { counts: { red: 0, yellow: 0, green: 0 }, persons: [] },
    "supervision.townships": [],
    ...answers,
  });
  view = await renderPage(<SupervisionPage />, { locale });
  await waitFor(() => ((view?.container.querySelectorAll(".ant-table-row").length ?? 0) >= 3 ? true : null));
  return view.container;
}

const headers = (root: Element) => [...root.querySelectorAll("th")].map((h) => h.textContent);

describe("supervision board in both languages", { timeout: 20_000 }, () => {
  it("keeps the Chinese words", async () => {
    const page = await renderBoard();
    const text = page.textContent ?? "";
    for (const zh of [
      "督办看板",
      "超时纠纷",
      "临期纠纷",
      "正常纠纷",
      "未办结矛盾纠纷（按到期先后）",
      "含正常件",
      "黄色",
      "已超期 2 天",
      "剩余 5 小时",
      "报送截止 2026-11-05 24:00，已过截止时间",
      "未提交",
      "已锁定",
    ])
      expect(text).toContain(zh);
    expect(text).toMatch(/\d{4}年\d{1,2}月未报送乡镇/);
    expect(headers(page)).toEqual([
      "亮灯",
      "乡镇",
      "等级",
      "类别",
      "当事人简况",
      "上报时间",
      "办结期限",
      "时限",
      "调解次数",
      "亮灯",
      "乡镇",
      "人员代称",
      "类别",
      "走访周期",
      "已走访/应走访",
      "周期截止",
      "乡镇",
      "超时",
      "临期",
      "分项",
      "乡镇",
      "区划代码",
      "状态",
    ]);
  });

  it("shows the lights, the disputes and the late townships in English", async () => {
    const page = await renderBoard("en");
    const text = page.textContent ?? "";
    for (const en of [
      "Supervision",
      "Overdue disputes",
      "Disputes due soon",
      "Disputes on time",
      "Open disputes (soonest due first)",
      "Include those on time",
      "Overdue",
      "Due soon",
      "Yellow",
      "Blue",
      "2 days overdue",
      "5 h left",
      "Due 2026-11-05 24:00; the deadline has passed",
      "Not submitted",
      "Locked",
    ])
      expect(text).toContain(en);
    expect(text).toMatch(/Townships yet to submit for \d{4}-\d{2}/);
    expect(headers(page)).toEqual([
      "Light",
      "Township",
      "Level",
      "Category",
      "Parties",
      "Reported at",
      "Due by",
      "Time left",
      "Attempts",
      "Light",
      "Township",
      "Alias",
      "Category",
      "Period",
      "Visits done / due",
      "Period ends",
      "Township",
      "Overdue",
      "Due soon",
      "By kind",
      "Township",
      "Code",
      "Status",
    ]);
    expect(text).not.toMatch(HAN);
  });

  it("says in English when nothing is overdue and every township has submitted", async () => {
    fakeApi({
      "onboarding.listTownships": [],
      "supervision.disputes": { counts: { red: 0, yellow: 0, green: 0 }, disputes: [] },
      "supervision.lateSubmissions": { ...late, deadlinePassed: false, townships: [] },
      "supervision.keyPersons": { counts: { red: 0, yellow: 0, green: 0 }, persons: [] },
      "supervision.townships": [],
    });
    view = await renderPage(<SupervisionPage />, { locale: "en" });
    const page = view.container;
    await waitFor(() => (page.textContent?.includes("Every township has submitted") ? true : null));
    expect(page.textContent).toContain("No disputes overdue or due soon");
    expect(page.textContent).not.toMatch(HAN);
  });

  it("shows every township's lights on all its deadlines, counted by kind", async () => {
    const page = await renderBoard("zh-CN", {
      "supervision.townships": [
        {
          townshipId: "t1",
          name: "城关镇",
          counts: { red: 2, yellow: 1, green: 3 },
          byKind: { petition_first: { red: 1, yellow: 0 }, notice: { red: 1, yellow: 1 } },
          items: [],
        },
        {
          townshipId: "t2",
          name: "西湖镇",
          counts: { red: 0, yellow: 0, green: 1 },
          byKind: {},
          items: [],
        },
      ],
    });
    await waitFor(() => (page.textContent?.includes("信访首办 红1 黄0") ? true : null));
    const card = page.querySelector('[data-testid="supervision-township-lights"]');
    const rows = [...(card?.querySelectorAll(".ant-table-row") ?? [])].map((r) => r.textContent);
    expect(rows).toEqual(["城关镇21信访首办 红1 黄0督办单 红1 黄1", "西湖镇00无红黄灯"]);
  });

  it("counts time left in hours under two days and in days beyond", () => {
    const zh = (h: number) => timeLeft(h, (k, p) => translate("zh-CN", k, p));
    const en = (h: number) => timeLeft(h, (k, p) => translate("en", k, p));
    expect([zh(47), zh(72), zh(-3)]).toEqual(["剩余 47 小时", "剩余 3 天", "已超期 3 小时"]);
    expect([en(47), en(72), en(-3)]).toEqual(["47 h left", "3 days left", "3 h overdue"]);
  });
});
