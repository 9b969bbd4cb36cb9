import { afterEach, describe, expect, it } from "vitest";
import { yoyChange } from "../../shared/year-on-year";
import { cleanUp } from "../../test-support/fake-api";
import { type Rendered, render } from "../../test-support/render";
import { PrintReport, yoyMonthOf } from "./print-report";

let view: Rendered | undefined;
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

describe("同比 in the printed 通报", () => {
  it("runs to the period's last month, or to this month while the period is not over", () => {
    const now = new Date("2026-11-03T02:00:00Z");
    expect(yoyMonthOf("2026-09", now)).toBe("2026-09");
    expect(yoyMonthOf("2026-Q3", now)).toBe("2026-09");
    expect(yoyMonthOf("2026-Q4", now)).toBe("2026-11");
    expect(yoyMonthOf("2026", now)).toBe("2026-11");
    expect(yoyMonthOf("2025", now)).toBe("2025-12");
    // China time: 31 October 17:00 UTC is already November there.
    expect(yoyMonthOf("2026", new Date("2026-10-31T17:00:00Z"))).toBe("2026-11");
  });

  it("says the change and, when last year had any, the percentage", () => {
    expect(yoyChange(15, 12)).toBe("+3 (+25.0%)");
    expect(yoyChange(2, 4)).toBe("-2 (-50.0%)");
    expect(yoyChange(3, 0)).toBe("+3");
    expect(yoyChange(0, 0)).toBe("0");
  });

  it("prints every township's counts against last year under the table", async () => {
    const table = { countyId: "c1", period: "2026-09", schemeId: "s", schemeVersion: 1, rows: [] };
    const meta = { countyName: "示范县", date: "2026-10-10", version: 1 };
    const yearOnYear = {
      from: "2026-01",
      month: "2026-09",
      previousFrom: "2025-01",
      previousTo: "2025-09",
      rows: [
        {
          townshipId: "t1",
          name: "城关镇",
          current: { dispute: 38, petition: 4, incident: 0 },
          previous: { dispute: 19, petition: 8, incident: 0 },
        },
      ],
    };
    view = await render(<PrintReport table={table as never} meta={meta as never} yearOnYear={yearOnYear} />);
    const section = view.container.querySelector('[data-testid="print-year-on-year"]');
    expect(section?.querySelector("h2")?.textContent).toBe(
      "同比情况（2026年1月至2026年9月，与上年同期相比）",
    );
    const cells = [...(section?.querySelectorAll("tbody td") ?? [])].map((c) => c.textContent);
    expect(cells).toEqual(["城关镇", "38 / 19 / +19 (+100.0%)", "4 / 8 / -4 (-50.0%)", "0 / 0 / 0"]);
  });

  it("prints no 同比 section without the counts (a township user's print)", async () => {
    const table = { countyId: "c1", period: "2026-09", schemeId: "s", schemeVersion: 1, rows: [] };
    view = await render(
      <PrintReport table={table as never} meta={{ countyName: "示范县", date: "2026-10-10" } as never} />,
    );
    expect(view.container.querySelector('[data-testid="print-year-on-year"]')).toBeNull();
  });
});
