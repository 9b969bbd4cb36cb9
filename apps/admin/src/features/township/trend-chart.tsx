import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Point = { month: string; total: number | null; rank: number | null; townships: number };

/** Score and rank month by month; rank's axis runs downward so up means better on both lines. */
export default function TrendChart({ points }: { points: Point[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["总分", "名次"], top: 0 },
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: points.map((p) => `${Number(p.month.slice(5))}月`) },
      yAxis: [
        { type: "value", name: "总分", min: 0, max: 105 },
        {
          type: "value",
          name: "名次",
          inverse: true,
          min: 1,
          max: Math.max(2, ...points.map((p) => p.townships)),
          interval: 1,
          splitLine: { show: false },
        },
      ],
      series: [
        { name: "总分", type: "line", data: points.map((p) => p.total), smooth: true },
        { name: "名次", type: "line", yAxisIndex: 1, data: points.map((p) => p.rank), step: "middle" },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [points]);
  return <div ref={el} style={{ width: "100%", height: 300 }} data-testid="trend-chart" />;
}
