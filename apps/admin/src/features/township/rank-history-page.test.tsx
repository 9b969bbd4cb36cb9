import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, waitFor } from "../../test-support/render";
import type { RankPoint } from "./rank-history-chart";
import RankHistoryPage, { sortRanks } from "./rank-history-page";

// ECharts needs a canvas, which happy-dom lacks: the chart shows the points it was given instead.
vi.mock("./rank-history-chart", () => ({
  default: ({ points }: { points: RankPoint[] }) => (
    <div data-testid="rank-history-chart">{points.map((p) => `${p.label}:${p.rank}`).join(",")}</div>
  ),
}));

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

const rank = (period: string, rank: number, total: number, extra: object = {}) => ({
  period,
  version: 1,
  rank,
  townships: 12,
  total,
  grade: "良好",
  vetoed: false,
  rankChange: 0,
  ...extra,
});

// Newest first by period string, as the API sorts.
const HISTORY = [
  rank("2026-Q3", 4, 88.1),
  rank("2026-09", 3, 90.25, { version: 2, rankChange: 2 }),
  rank("2026-08", 5, 86, { rankChange: -1 }),
  rank("2026-07", 4, 87.5, { grade: "不合格", vetoed: true }),
];

const rows = (v: Rendered | undefined) =>
  [...(v?.container.querySelectorAll("tbody tr.ant-table-row") ?? [])].map((r) => r.textContent);

describe("sortRanks", () => {
  it("puts the newest period first, a month before the quarter and year it ends", () => {
    expect(
      sortRanks(["2026-Q3", "2026", "2026-09", "2026-12", "2026-Q4"].map((period) => ({ period }))),
    ).toEqual(["2026-12", "2026-Q4", "2026", "2026-09", "2026-Q3"].map((period) => ({ period })));
  });
});

// Whole pages render slowly in happy-dom when the machine is busy.
describe("RankHistoryPage", { timeout: 20_000 }, () => {
  it("lists every published period with rank, total, grade and version, and charts the months", async () => {
    const calls = fakeApi({ "league.rankHistory": () => HISTORY });
    view = await renderPage(<RankHistoryPage />, { role: "township_staff", townshipId: "t1" });
    await waitFor(() => rows(view).length === 4);
    expect(calls.find((c) => c.path === "league.rankHistory")?.input).toEqual({ townshipId: "t1" });
    expect(rows(view)).toEqual([
      "2026年9月月度第 3 名 / 共 12 个 290.25良好第 2 版已更正",
      "2026年第三季度季度第 4 名 / 共 12 个88.10良好第 1 版",
      "2026年8月月度第 5 名 / 共 12 个 186.00良好第 1 版",
      "2026年7月月度第 4 名 / 共 12 个87.50不合格一票否决第 1 版",
    ]);
    const chart = await waitFor(() => view?.container.querySelector('[data-testid="rank-history-chart"]'));
    expect(chart.textContent).toBe("2026年7月:4,2026年8月:5,2026年9月:3");

    await click(
      [...view.container.querySelectorAll(".ant-segmented-item")].find((i) => i.textContent === "季度"),
    );
    await waitFor(() => rows(view).length === 1);
    expect(rows(view)[0]).toContain("2026年第三季度");
  });

  it("says so when nothing is published yet", async () => {
    fakeApi({ "league.rankHistory": () => [] });
    view = await renderPage(<RankHistoryPage />, { role: "township_admin", townshipId: "t1" });
    const empty = await waitFor(() => view?.container.querySelector('[data-testid="rank-history-empty"]'));
    expect(empty.textContent).toContain("县级尚未发布排名");
    expect(view.container.querySelector('[data-testid="rank-history-chart"]')).toBeNull();
  });

  it("speaks English after the switch", async () => {
    fakeApi({ "league.rankHistory": () => HISTORY });
    view = await renderPage(<RankHistoryPage />, { role: "township_admin", townshipId: "t1", locale: "en" });
    await waitFor(() => rows(view).length === 4);
    expect(rows(view)[0]).toBe("2026-09Month3 of 12 290.25良好v2Corrected");
    const text = view.container.textContent ?? "";
    expect(text).toContain("Rank history");
    expect(text).toContain("Vetoed");
    expect(text).not.toMatch(/名次|月度|已更正|一票否决/);
  });
});
