import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanUp, fakeApi, renderPage, signIn } from "../test-support/fake-api";
import { HAN, type Rendered, waitFor } from "../test-support/render";
import { YearOnYearCard } from "./year-on-year";

let view: Rendered | undefined;
beforeEach(() => signIn("township_admin", "t1"));
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

const answer = {
  month: "2026-09",
  from: "2026-01",
  previousFrom: "2025-01",
  previousTo: "2025-09",
  row: {
    townshipId: "t1",
    name: "城关镇",
    current: { dispute: 38, petition: 4, incident: 0 },
    previous: { dispute: 19, petition: 8, incident: 0 },
  },
};

async function show(locale?: "en") {
  const calls = fakeApi({ "yearOnYear.township": answer });
  view = await renderPage(<YearOnYearCard townshipId="t1" month="2026-09" />, locale ? { locale } : {});
  const card = await waitFor(() => view?.container.querySelector('[data-testid="year-on-year"]'), 10_000);
  const rows = [...card.querySelectorAll("tbody tr")].map((r) =>
    [...r.querySelectorAll("td")].map((c) => c.textContent),
  );
  return { card, rows, calls };
}

describe("同比 on the township's page", { timeout: 20_000 }, () => {
  it("shows this year to date against the same months last year, per kind", async () => {
    const { card, rows, calls } = await show();
    expect(calls.find((c) => c.path === "yearOnYear.township")?.input).toEqual({
      townshipId: "t1",
      month: "2026-09",
    });
    expect(card.textContent).toContain("2026年1月至2026年9月，与上年同期（2025年1月至2025年9月）相比");
    expect(rows).toEqual([
      ["矛盾纠纷", "38", "19", "+19 (+100.0%)"],
      ["信访", "4", "8", "-4 (-50.0%)"],
      ["治安案件", "0", "0", "0"],
    ]);
  });

  it("speaks English after the switch", async () => {
    const { card, rows } = await show("en");
    expect(card.textContent).toContain("Year on year");
    expect(rows[0]).toEqual(["Disputes", "38", "19", "+19 (+100.0%)"]);
    expect(card.textContent).not.toMatch(HAN);
  });
});
