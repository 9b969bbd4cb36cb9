import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { Locale, MessageKey } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Point = { month: string; total: number | null; rank: number | null; townships: number };
type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A month's short name on the axis: 「10月」 in Chinese, "Oct" in English. */
function monthName(month: string, t: T, locale: Locale): string {
  const n = Number(month.slice(5));
  const short = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(2000, n - 1, 1)),
  );
  return t("myScore.trend.month", { n, short });
}

/** The chart's option: score and rank month by month; rank's axis runs downward so up means better on both lines. */
export function trendOption(points: Point[], t: T, locale: Locale) {
  const total = t("myScore.trend.total");
  const rank = t("myScore.trend.rank");
  return {
    tooltip: { trigger: "axis" },
    legend: { data: [total, rank], top: 0 },
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: points.map((p) => monthName(p.month, t, locale)) },
    yAxis: [
      { type: "value", name: total, min: 0, max: 105 },
      {
        type: "value",
        name: rank,
        inverse: true,
        min: 1,
        max: Math.max(2, ...points.map((p) => p.townships)),
        interval: 1,
        splitLine: { show: false },
      },
    ],
    series: [
      { name: total, type: "line", data: points.map((p) => p.total), smooth: true },
      { name: rank, type: "line", yAxisIndex: 1, data: points.map((p) => p.rank), step: "middle" },
    ],
  };
}

/** Score and rank month by month, named in the chosen language. */
export default function TrendChart({ points }: { points: Point[] }) {
  const { t, locale } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(trendOption(points, t, locale));
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [points, t, locale]);
  return <div ref={el} style={{ width: "100%", height: 300 }} data-testid="trend-chart" />;
}
