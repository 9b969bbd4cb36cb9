import type { LeagueTable, Scheme } from "@pingan/domain";
import { Select, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { comparisonOption } from "./comparison-option";
import { echarts } from "./echarts-setup";

type Props = { table: LeagueTable; scheme?: Scheme };

/** Compares up to five townships on one bar chart; loaded on its own chunk with echarts. */
export default function ComparisonChart({ table, scheme }: Props) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<string[]>(() => table.rows.slice(0, 3).map((r) => r.townshipId));

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(comparisonOption(table, picked, scheme, t("league.score")));
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [table, picked, scheme, t]);

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text strong>{t("league.chart")}</Typography.Text>
      <Select
        mode="multiple"
        style={{ width: "100%" }}
        maxCount={5}
        value={picked}
        onChange={setPicked}
        placeholder={t("league.chartPick")}
        options={table.rows.map((r) => ({ value: r.townshipId, label: r.name }))}
        aria-label={t("league.chartPick")}
      />
      <div ref={el} style={{ width: "100%", height: 360 }} data-testid="comparison-chart" />
    </Space>
  );
}
