import { QueryClientProvider } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { TRPCProvider } from "../api/trpc";
import { createApiClient } from "../api/trpc-client";
import { createQueryClient } from "../errors/query-client";
import type { Locale } from "../i18n/dictionary";
import { type Rendered, render } from "../test-support/render";
import { formatMetric } from "./format-metric";
import { IndicatorTable, type IndicatorTableRow } from "./indicator-table";

const row = (code: string, metric: number | null, metricKind?: string): IndicatorTableRow => ({
  code,
  name: code,
  maxScore: 10,
  score: 5,
  deductions: 0,
  bonus: 0,
  zeroed: false,
  metric,
  ...(metricKind ? { metricKind } : {}),
  notes: [],
});

let view: Rendered | undefined;
afterEach(() => view?.unmount());

async function renderTable(rows: IndicatorTableRow[], locale: Locale = "zh-CN") {
  const queryClient = createQueryClient();
  const trpcClient = createApiClient("http://api.test/trpc");
  view = await render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <IndicatorTable rows={rows} />
      </TRPCProvider>
    </QueryClientProvider>,
    { locale },
  );
  return [...view.container.querySelectorAll("tbody tr.ant-table-row")].map(
    (tr) => tr.lastElementChild?.textContent,
  );
}

describe("万人发案率 and the rates", () => {
  it("formats the incident rate per 10,000 residents, never as a percentage", () => {
    expect(formatMetric("incident.rate_per_10k", 1.2345)).toBe("每万人 1.23 起");
    expect(formatMetric("incident.rate_per_10k", 0)).toBe("每万人 0.00 起");
    expect(formatMetric("incident.rate_per_10k", 0.5, "en")).toBe("0.50 per 10,000");
    expect(formatMetric("dispute.resolution_rate", 0.875)).toBe("87.5%");
    expect(formatMetric("dispute.resolution_rate", null)).toBe("—");
    // Unknown kind: a bare number, not a guessed percentage.
    expect(formatMetric(undefined, 1.5)).toBe("1.5");
  });

  it("shows a row's own metric kind in the indicator table (a township's preview has no scheme)", async () => {
    const cells = await renderTable([
      row("I05", 0, "incident.rate_per_10k"),
      row("I06", 1.8, "incident.rate_per_10k"),
      row("I02", 0.9, "dispute.resolution_rate"),
    ]);
    expect(cells).toEqual(["每万人 0.00 起", "每万人 1.80 起", "90.0%"]);
  });

  it("says it in English too", async () => {
    const cells = await renderTable([row("I05", 2, "incident.rate_per_10k")], "en");
    expect(cells).toEqual(["2.00 per 10,000"]);
  });
});
