import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Locale, translate } from "../../i18n/dictionary";
import { cleanUp, fakeApi, renderPage, signIn } from "../../test-support/fake-api";
import { click, HAN, type Rendered, typeInto, waitFor } from "../../test-support/render";
import MyScorePage from "./my-score-page";
import RegisterPage from "./register-page";
import StaffPage from "./staff-page";
import { trendOption } from "./trend-chart";

let view: Rendered | undefined;
beforeEach(() =>
  signIn({ id: "u1", name: "Admin", role: "township_admin", countyId: "c1", townshipId: "t1" }),
);
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

const text = () => view?.container.textContent ?? "";
/** A form's labels without antd's own 「（可选）」/"(optional)" mark. */
const labelsIn = (root: ParentNode) =>
  [...root.querySelectorAll("label")].map((l) =>
    l.textContent?.replace(l.querySelector(".ant-form-item-optional")?.textContent ?? "", ""),
  );
const labels = () => labelsIn(view?.container ?? document);
const buttons = (root: ParentNode = document) =>
  [...root.querySelectorAll("button")].map((b) => b.textContent?.replace(/\s/g, ""));

describe("township registration in both languages", { timeout: 20_000 }, () => {
  const ZH_LABELS = [
    "加入码",
    "乡镇名称",
    "乡镇区划代码（9 位）",
    "常住人口",
    "村（社区）数",
    "网格数",
    "姓名",
    "手机号（登录账号）",
    "电子邮箱",
    "密码",
  ];

  it("keeps the Chinese form as it was", async () => {
    fakeApi({});
    view = await renderPage(<RegisterPage />);
    expect(labels()).toEqual(ZH_LABELS);
    for (const zh of ["乡镇注册", "乡镇信息", "管理员账号", "已有账号，去登录", "“待审核”"])
      expect(text()).toContain(zh);
    expect(buttons(view.container)).toContain("提交注册");
    await click(view.container.querySelector('button[type="submit"]'));
    await waitFor(() => (text().includes("请填写加入码") ? true : null));
    expect(text()).toContain("请填写乡镇名称");
    expect(text()).toContain("必填");
  });

  it("shows the form, its checks and the pending state in English", async () => {
    fakeApi({ "onboarding.registerTownship": { county: { name: "Model County" } } });
    view = await renderPage(<RegisterPage />, { locale: "en" });
    expect(labels()).toEqual([
      "Join code",
      "Township name",
      "Division code (9 digits)",
      "Population",
      "Villages (communities)",
      "Grids",
      "Name",
      "Phone (used to sign in)",
      "E-mail",
      "Password",
    ]);
    expect(text()).not.toMatch(HAN);
    await click(view.container.querySelector('button[type="submit"]'));
    await waitFor(() => (text().includes("Enter the join code") ? true : null));
    expect(text()).toContain("Required");
    expect(text()).not.toMatch(HAN);

    const input = (id: string) => view?.container.querySelector(`#${id}`);
    await typeInto(input("joinCode"), "ABCD2345");
    await typeInto(input("township_name"), "Chengguan");
    await typeInto(input("township_code"), "510722100");
    await typeInto(input("township_population"), "32000");
    await typeInto(input("township_villages"), "18");
    await typeInto(input("township_grids"), "65");
    await typeInto(input("admin_name"), "Zhao");
    await typeInto(input("admin_phone"), "13800000000");
    await typeInto(input("admin_password"), "Chengguan#2026");
    await click(view.container.querySelector('button[type="submit"]'));
    const pending = await waitFor(() => view?.container.querySelector('[data-testid="register-pending"]'));
    expect(pending.textContent).toContain("Registration sent, waiting for the county");
    expect(pending.textContent).toContain("Once Model County approves it");
    expect(pending.textContent).toContain("Go to sign in");
    expect(pending.textContent).not.toMatch(HAN);
  });
});

const preview = {
  month: "2026-11",
  asOf: "2026-11-02T02:00:00.000Z",
  schemeVersion: 3,
  total: 88.5,
  bonus: 0,
  grade: "B",
  vetoed: true,
  rank: 2,
  townships: 5,
  toNextRank: 1.5,
  nextGrade: "A",
  toNextGrade: 2.25,
  notes: [],
  indicators: [
    {
      code: "I03",
      name: "Disputes",
      maxScore: 10,
      score: 8,
      base: 10,
      deductions: 2,
      bonus: 0,
      zeroed: false,
      metric: 0.9,
      notes: ["红色纠纷 1 件"],
      records: [],
    },
  ],
};
const submission = {
  townshipId: "t1",
  month: "2026-11",
  version: 2,
  status: "returned",
  locked: false,
  deadline: "2026-12-05T16:00:00.000Z",
  returnReason: "missing evidence",
  manualScores: [],
  adjustments: [],
};

let calls: { path: string; input: unknown }[] = [];
async function renderMyScore(locale?: Locale, p: unknown = preview) {
  calls = fakeApi({
    "submissions.cycle": {
      dueMonth: "2026-11",
      deadline: "2026-12-05T16:00:00.000Z",
      deadlineText: "2026年12月5日24时",
      deadlineDay: 5,
      currentMonth: "2026-12",
      now: "2026-12-03T02:00:00.000Z",
    },
    "submissions.preview": p,
    "submissions.get": submission,
    "submissions.trend": [],
  });
  view = await renderPage(<MyScorePage />, { locale });
  await waitFor(() => view?.container.querySelector('[data-testid="submission-status"]'));
  if (p) await waitFor(() => view?.container.querySelector('[data-testid="live-total"]'));
  else await waitFor(() => view?.container.querySelector(".ant-alert-warning"));
}

describe("my score in both languages", { timeout: 20_000 }, () => {
  it("keeps the Chinese words", async () => {
    await renderMyScore();
    for (const zh of [
      "得分",
      "月度填报：",
      "已退回",
      "报送截止 2026-12-05 24:00",
      "县级退回：missing evidence",
      "实时总分",
      "一票否决",
      "预计名次",
      "距上一名次",
      "距“A”",
      "按截至 2026-11-02 10:00 的工作纪实实时计算，细则第3版；以县级审核发布的结果为准。",
      "逐项得分与失分原因",
      "红色纠纷 1 件",
    ])
      expect(text()).toContain(zh);
    expect(buttons(view?.container)).toContain("提交2026年11月填报");
    // The month due on 3 December is November, by the server's rule.
    expect(text()).toContain("当前应报送：2026年11月");
    const asked = calls.filter((c) => c.path === "submissions.preview").map((c) => c.input);
    expect(asked).toEqual([expect.objectContaining({ month: "2026-11" })]);
  });

  it("shows the month, the figures and the breakdown in English, the engine's notes as they are", async () => {
    await renderMyScore("en");
    for (const en of [
      "Score for ",
      "Monthly submission:",
      "Returned",
      "Due 2026-12-05 24:00",
      "Returned by the county: missing evidence",
      "Live total",
      "Vetoed",
      "Expected rank",
      "To the next rank",
      "1.50pts",
      "To “A”",
      "2.25pts",
      "Worked out live from the work records up to 2026-11-02 10:00, scheme version 3;",
      "Score by indicator, and why points were lost",
      "Submit ",
    ])
      expect(text()).toContain(en);
    expect(text()).toContain("红色纠纷 1 件");
    expect(text().replace("红色纠纷 1 件", "")).not.toMatch(HAN);
    await click(
      [...(view?.container.querySelectorAll("button") ?? [])].find(
        (b) => b.textContent?.startsWith("Submit ") === true,
      ),
    );
    const confirm = await waitFor(() => document.querySelector(".ant-popconfirm-title"));
    expect(confirm.textContent).toBe(
      "The county reviews it once sent, and it cannot be changed meanwhile. Submit?",
    );
  });

  it("says in English when the month cannot be scored", async () => {
    await renderMyScore("en", null);
    expect(text()).toContain("This month's score cannot be worked out yet");
    expect(text()).toContain("Scoring needs the county to save this year's scheme first.");
    expect(text()).not.toMatch(HAN);
  });

  it("names the trend's lines, axes and months in the chosen language", () => {
    const points = [
      { month: "2026-01", total: 80, rank: 3, townships: 5 },
      { month: "2026-10", total: 88, rank: 2, townships: 5 },
    ];
    const zh = trendOption(points, (k, p) => translate("zh-CN", k, p), "zh-CN");
    expect(zh.legend.data).toEqual(["总分", "名次"]);
    expect(zh.xAxis.data).toEqual(["1月", "10月"]);
    expect(zh.yAxis.map((a) => a.name)).toEqual(["总分", "名次"]);
    const en = trendOption(points, (k, p) => translate("en", k, p), "en");
    expect(en.legend.data).toEqual(["Total", "Rank"]);
    expect(en.xAxis.data).toEqual(["Jan", "Oct"]);
    expect(en.series.map((s) => s.name)).toEqual(["Total", "Rank"]);
  });
});

const staff = [
  { userId: "u1", name: "Zhao", phone: "13800000000", role: "township_admin", status: "active" },
  { userId: "u2", name: "Qian", phone: "13900000000", role: "township_staff", status: "active" },
  { userId: "u3", name: "Sun", phone: "13700000000", role: "township_staff", status: "removed" },
];

async function renderStaff(locale?: Locale) {
  fakeApi({ "staff.list": staff });
  view = await renderPage(<StaffPage />, { locale });
  await waitFor(() => (view?.container.querySelectorAll(".ant-table-row").length === 3 ? true : null));
}

describe("staff in both languages", { timeout: 20_000 }, () => {
  it("keeps the Chinese words", async () => {
    await renderStaff();
    const headers = [...(view?.container.querySelectorAll("th") ?? [])].map((h) => h.textContent);
    expect(headers).toEqual(["姓名", "手机号", "角色", "状态", "操作"]);
    for (const zh of ["人员管理", "乡镇管理员", "乡镇工作人员", "在岗", "已移除"])
      expect(text()).toContain(zh);
    expect(buttons(view?.container)).toEqual(expect.arrayContaining(["添加工作人员", "移除"]));
    await click(
      [...(view?.container.querySelectorAll("button") ?? [])].find((b) => b.textContent === "添加工作人员"),
    );
    const drawer = await waitFor(() => document.querySelector(".ant-drawer-open"));
    const drawerLabels = labelsIn(drawer);
    expect(drawerLabels).toEqual(["姓名", "手机号（登录账号）", "电子邮箱", "初始密码"]);
  });

  it("shows the staff list, the remove check and the invite form in English", async () => {
    await renderStaff("en");
    const headers = [...(view?.container.querySelectorAll("th") ?? [])].map((h) => h.textContent);
    expect(headers).toEqual(["Name", "Phone", "Role", "Status", "Actions"]);
    for (const en of ["Staff", "Township admin", "Township staff", "Active", "Removed", "Remove"])
      expect(text()).toContain(en);
    expect(text()).not.toMatch(HAN);

    await click(
      [...(view?.container.querySelectorAll("button") ?? [])].find((b) => b.textContent === "Remove"),
    );
    const confirm = await waitFor(() => document.querySelector(".ant-popconfirm-title"));
    expect(confirm.textContent).toBe("Remove Qian? Their sign-in stops working at once");

    await click(
      [...(view?.container.querySelectorAll("button") ?? [])].find(
        (b) => b.textContent === "Add a staff member",
      ),
    );
    const drawer = await waitFor(() => document.querySelector(".ant-drawer-open"));
    expect(drawer.querySelector(".ant-drawer-title")?.textContent).toBe("Add a staff member");
    const drawerLabels = labelsIn(drawer);
    expect(drawerLabels).toEqual(["Name", "Phone (used to sign in)", "E-mail", "Initial password"]);
    await click([...drawer.querySelectorAll("button")].find((b) => b.textContent === "Save"));
    await waitFor(() => (drawer.textContent?.includes("Enter the name") ? true : null));
    expect(drawer.textContent).toContain("Set an initial password");
    expect(drawer.textContent).not.toMatch(HAN);
  });
});
