// The line chart's own echarts pieces (the league's setup registers bars only); loaded with this chunk.
import { LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type RankPoint = { label: string; rank: number; townships: number };

/** Rank month by month; the axis runs downward so first place sits at the top. */
export default function RankHistoryChart({ points, name }: { points: RankPoint[]; name: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: points.map((p) => p.label) },
      yAxis: {
        type: "value",
        name,
        inverse: true,
        min: 1,
        max: Math.max(2, ...points.map((p) => p.townships)),
        minInterval: 1,
      },
      series: [{ name, type: "line", data: points.map((p) => p.rank), symbolSize: 8 }],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [points, name]);
  return <div ref={el} style={{ width: "100%", height: 240 }} data-testid="rank-history-chart" />;
}
