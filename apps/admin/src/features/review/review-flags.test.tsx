import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Call, cleanUp, fakeApi, renderPage, signIn } from "../../test-support/fake-api";
import { click, HAN, type Rendered, waitFor } from "../../test-support/render";
import { ReviewFlags } from "./review-flags";

let view: Rendered | undefined;
beforeEach(() => signIn({ id: "u1", name: "Reviewer", role: "county_reviewer", countyId: "c1" }));
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

const trailing = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"].map((month) => ({
  month,
  count: 6,
}));
const flags = {
  month: "2026-09",
  counts: null,
  flags: [
    {
      code: "drop:dispute",
      rule: "drop",
      kind: "dispute",
      count: 2,
      median: 6,
      trailing,
      action: {
        code: "drop:dispute",
        outcome: "correction",
        note: "要求补录",
        version: 2,
        updatedAt: "2026-10-08T02:00:00.000Z",
        updatedBy: "u2",
      },
    },
    {
      code: "import:petition",
      rule: "import",
      kind: "petition",
      own: 1,
      imported: 3,
      files: ["xinfang.xlsx"],
      action: null,
    },
  ],
  lifted: [],
};

async function show(locale?: "en"): Promise<{ section: Element; calls: Call[] }> {
  const calls = fakeApi({
    "reviewFlags.list": flags,
    "reviewFlags.record": (input: { outcome: string; note: string; expectedVersion: number }) => ({
      code: "drop:dispute",
      outcome: input.outcome,
      note: input.note,
      version: input.expectedVersion + 1,
      updatedAt: "2026-10-08T03:00:00.000Z",
      updatedBy: "u1",
    }),
  });
  view = await renderPage(<ReviewFlags townshipId="t1" month="2026-09" />, locale ? { locale } : {});
  const section = await waitFor(() => view?.container.querySelector('[data-testid="review-flags"]'));
  return { section, calls };
}

describe("the review drawer's 报喜不报忧 flags", { timeout: 20_000 }, () => {
  it("show each flag with its evidence and the action recorded about it", async () => {
    const { section } = await show();
    const drop = section.querySelector('[data-testid="flag-drop:dispute"]');
    expect(drop?.textContent).toContain("矛盾纠纷数量骤降");
    expect(drop?.textContent).toContain("本月 2 件，不到前六个月中位数 6 件的一半");
    expect(drop?.textContent).toContain("2026年3月 6");
    expect(drop?.querySelector('[data-testid="flag-action"]')?.textContent).toContain("已要求整改要求补录");

    const imported = section.querySelector('[data-testid="flag-import:petition"]');
    expect(imported?.textContent).toContain("乡镇自行登记 1 件，县级从其他系统导入 3 件");
    expect(imported?.textContent).toContain("导入文件：xinfang.xlsx");
    expect(imported?.textContent).toContain("尚未处理");
    expect(imported?.querySelector('[data-testid="flag-action"]')).toBeNull();
  });

  it("change a recorded action at the version it was read", async () => {
    const { section, calls } = await show();
    const drop = section.querySelector('[data-testid="flag-drop:dispute"]');
    await click(
      [...(drop?.querySelectorAll("button") ?? [])].find((b) => b.textContent?.includes("修改处理")),
    );
    const modal = await waitFor(() => document.querySelector(".ant-modal"));
    expect(modal.querySelector("textarea")?.value).toBe("要求补录");
    await click(modal.querySelector(".ant-btn-primary"));
    const sent = await waitFor(() => calls.find((c) => c.path === "reviewFlags.record"));
    expect(sent.input).toEqual({
      townshipId: "t1",
      month: "2026-09",
      code: "drop:dispute",
      outcome: "correction",
      note: "要求补录",
      expectedVersion: 2,
    });
  });

  it("asks for an outcome and a note before recording a first action", async () => {
    const { section, calls } = await show();
    const imported = section.querySelector('[data-testid="flag-import:petition"]');
    await click(
      [...(imported?.querySelectorAll("button") ?? [])].find((b) => b.textContent?.includes("记录处理")),
    );
    const modal = await waitFor(() => document.querySelector(".ant-modal"));
    await click(modal.querySelector(".ant-btn-primary"));
    await waitFor(() => (modal.textContent?.includes("请选择处理结果") ? modal : null));
    expect(modal.textContent).toContain("请写明处理说明");
    expect(calls.some((c) => c.path === "reviewFlags.record")).toBe(false);
  });

  it("speak English after the switch, keeping the reviewer's note", async () => {
    const { section } = await show("en");
    const text = section.textContent ?? "";
    expect(text).toContain("Disputes dropped sharply");
    expect(text).toContain("2 this month, under half of the trailing six-month median of 6");
    expect(text).toContain("Correction required");
    expect(text).toContain("1 recorded by the township, 3 imported by the county");
    expect(text.replace("要求补录", "")).not.toMatch(HAN);
  });
});
