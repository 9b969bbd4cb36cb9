import modelScheme from "@pingan/data/model-scheme.json";
import { parseScheme, type Scheme } from "@pingan/domain";
import { afterEach, describe, expect, it } from "vitest";
import { LeagueTableView } from "../../shared/league-table/league-table-view";
import { click, type Rendered, render, waitFor } from "../../test-support/render";
import { SAMPLE_TABLE } from "./fixtures/sample-table";

const parsed = parseScheme(modelScheme);
if (!parsed.ok) throw new Error("model scheme invalid");
const scheme: Scheme = parsed.value;

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe("LeagueTableView", () => {
  it("lists townships by rank with change arrows, grade tags and the vetoed row marked", async () => {
    view = await render(<LeagueTableView table={SAMPLE_TABLE} scheme={scheme} />);
    const rows = [...view.container.querySelectorAll("tbody tr.ant-table-row")];
    expect(rows.map((r) => r.querySelector("a")?.textContent)).toEqual(["城关镇", "七里镇", "西湖乡"]);
    expect(rows[0]?.querySelector('[aria-label="上升2位"]')).not.toBeNull();
    expect(rows[1]?.querySelector('[aria-label="下降1位"]')).not.toBeNull();
    expect(rows[2]?.querySelector('[aria-label="持平"]')).not.toBeNull();
    expect(rows[0]?.textContent).toContain("91.50");
    expect(rows[0]?.querySelector(".ant-tag-green")?.textContent).toBe("优秀");
    expect(rows[2]?.className).toContain("league-row-vetoed");
    expect(rows[2]?.querySelector('[data-testid="veto-tag"]')?.textContent).toBe("一票否决");
    expect(view.container.querySelectorAll('[data-testid="veto-tag"]')).toHaveLength(1);
  });

  it("opens a township's indicators, notes and the points it lacks for the next rank and grade", async () => {
    view = await render(<LeagueTableView table={SAMPLE_TABLE} scheme={scheme} />);
    await click([...view.container.querySelectorAll("tbody a")].find((a) => a.textContent === "七里镇"));
    const drawer = await waitFor(() =>
      document.querySelector('[data-testid="gap-rank"]')?.closest(".ant-drawer"),
    );
    expect(drawer.textContent).toContain("七里镇");
    expect(drawer.textContent).toContain("组织领导与责任落实");
    expect(drawer.querySelector('[data-testid="notes-I01"]')?.textContent).toContain(
      "镇级矛盾纠纷排查：应 1 次，实 0 次",
    );
    expect(drawer.textContent).toContain("不得分");
    // 91.50 − 84.25 to tie 城关镇; 90 − 84.25 to reach 优秀.
    expect(drawer.querySelector('[data-testid="gap-rank"]')?.textContent).toBe("7.25 分");
    expect(drawer.querySelector('[data-testid="gap-grade"]')?.textContent).toBe("优秀 5.75 分");
  });

  it("tells a vetoed township it cannot reach a better grade this period", async () => {
    view = await render(<LeagueTableView table={SAMPLE_TABLE} scheme={scheme} />);
    await click([...view.container.querySelectorAll("tbody a")].find((a) => a.textContent === "西湖乡"));
    const gap = await waitFor(() => document.querySelector('[data-testid="gap-grade"]'));
    expect(gap.textContent).toBe("一票否决，本期不能晋级");
  });
});

describe("grade colours without a scheme", () => {
  it("colours the usual grade names so the public page reads at a glance", async () => {
    const { gradeColor } = await import("../../shared/grade-color");
    expect(gradeColor("优秀")).toBe("green");
    expect(gradeColor("不合格")).toBe("red");
    expect(gradeColor("甲等")).toBe("default");
  });
});
