import { useQuery } from "@tanstack/react-query";
import { Card, Table, Typography } from "antd";
import type { RouterOutputs } from "../api/router-types";
import { useTRPC } from "../api/trpc";
import { useI18n } from "../i18n/i18n-provider";
import { periodLabel } from "./period-label";

export type YearOnYearRow = RouterOutputs["yearOnYear"]["county"]["rows"][number];
export const YOY_KINDS = ["dispute", "petition", "incident"] as const;

/** 同比增减: the difference and, when last year had any, the percentage (`+3 (+25.0%)`, `-2 (-50.0%)`, `0`). */
export function yoyChange(current: number, previous: number): string {
  const d = current - previous;
  const sign = d > 0 ? "+" : "";
  if (previous === 0) return `${sign}${d}`;
  return `${sign}${d} (${sign}${((d / previous) * 100).toFixed(1)}%)`;
}

/**
 * A township's 同比 on its own pages: disputes, petitions and incidents from January to the month against
 * the same months last year (the API's one computation, also printed in the county's 通报).
 */
export function YearOnYearCard({ townshipId, month }: { townshipId: string; month: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const yoy = useQuery(trpc.yearOnYear.township.queryOptions({ townshipId, month }));
  const d = yoy.data;
  if (!d?.row) return null;
  const row = d.row;
  return (
    <Card size="small" title={t("yoy.title")} data-testid="year-on-year">
      <Typography.Paragraph type="secondary">
        {t("yoy.range", {
          from: periodLabel(d.from, locale),
          to: periodLabel(d.month, locale),
          previousFrom: periodLabel(d.previousFrom, locale),
          previousTo: periodLabel(d.previousTo, locale),
        })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={YOY_KINDS.map((kind) => ({
          kind,
          current: row.current[kind],
          previous: row.previous[kind],
        }))}
        columns={[
          {
            title: t("yoy.kind"),
            dataIndex: "kind",
            render: (k: string) => t(`flags.kind.${k}` as "flags.kind.dispute"),
          },
          { title: t("yoy.current"), dataIndex: "current", align: "right" },
          { title: t("yoy.previous"), dataIndex: "previous", align: "right" },
          {
            title: t("yoy.change"),
            key: "change",
            align: "right",
            render: (_: unknown, r) => yoyChange(r.current, r.previous),
          },
        ]}
      />
    </Card>
  );
}
