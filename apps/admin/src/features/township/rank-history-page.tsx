import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Segmented, Skeleton, Space, Spin, Table, Tag, Typography } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import type { Locale } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../../shared/format-metric";
import { gradeColor } from "../../shared/grade-color";
import { periodLabel } from "../../shared/period-label";
import { RankChange } from "../../shared/rank-change";
import { useTownshipId } from "../../shared/use-township-id";
import type { RankPoint } from "./rank-history-chart";

const RankHistoryChart = lazy(() => import("./rank-history-chart"));

type Rank = RouterOutputs["league"]["rankHistory"][number];
export type PeriodKind = "month" | "quarter" | "year";

export function periodKind(period: string): PeriodKind {
  if (/^\d{4}-Q[1-4]$/.test(period)) return "quarter";
  if (/^\d{4}$/.test(period)) return "year";
  return "month";
}

/** The last month a period covers, as year*12 + month: orders months, quarters and years together. */
function endOf(period: string): number {
  const year = Number(period.slice(0, 4));
  const kind = periodKind(period);
  if (kind === "year") return year * 12 + 12;
  if (kind === "quarter") return year * 12 + Number(period.slice(-1)) * 3;
  return year * 12 + Number(period.slice(5, 7));
}

const KIND_ORDER: Record<PeriodKind, number> = { month: 0, quarter: 1, year: 2 };

/** Newest first; a month before the quarter and year that end with it. */
export function sortRanks<T extends { period: string }>(ranks: readonly T[]): T[] {
  return [...ranks].sort(
    (a, b) =>
      endOf(b.period) - endOf(a.period) ||
      KIND_ORDER[periodKind(a.period)] - KIND_ORDER[periodKind(b.period)],
  );
}

/** The months, oldest first, for the chart. */
export function monthPoints(ranks: readonly Rank[], locale: Locale): RankPoint[] {
  return sortRanks(ranks.filter((r) => periodKind(r.period) === "month"))
    .reverse()
    .map((r) => ({ label: periodLabel(r.period, locale), rank: r.rank, townships: r.townships }));
}

const KIND_KEYS = {
  month: "rankHistory.kind.month",
  quarter: "rankHistory.kind.quarter",
  year: "rankHistory.kind.year",
} as const;

/** 历次排名: the township's rank and total in every league table the county has published. */
export default function RankHistoryPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const townshipId = useTownshipId();
  const [kind, setKind] = useState<PeriodKind | "all">("all");
  const history = useQuery(trpc.league.rankHistory.queryOptions({ townshipId }));
  const all = useMemo(() => sortRanks(history.data ?? []), [history.data]);
  const rows = kind === "all" ? all : all.filter((r) => periodKind(r.period) === kind);
  const points = useMemo(() => monthPoints(all, locale), [all, locale]);

  const title = (
    <Typography.Title level={3} style={{ margin: 0 }}>
      {t("rankHistory.title")}
    </Typography.Title>
  );
  if (history.isPending) return <Skeleton active />;
  if (all.length === 0)
    return (
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {title}
        <Empty data-testid="rank-history-empty" description={t("rankHistory.empty")} />
      </Space>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {title}
      <Typography.Text type="secondary">{t("rankHistory.hint")}</Typography.Text>
      {points.length >= 2 && (
        <Card size="small" title={t("rankHistory.chart")}>
          <Suspense fallback={<Spin />}>
            <RankHistoryChart points={points} name={t("rankHistory.chartRank")} />
          </Suspense>
        </Card>
      )}
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as PeriodKind | "all")}
        options={[
          { value: "all", label: t("rankHistory.all") },
          { value: "month", label: t("rankHistory.kind.month") },
          { value: "quarter", label: t("rankHistory.kind.quarter") },
          { value: "year", label: t("rankHistory.kind.year") },
        ]}
      />
      <Table<Rank>
        rowKey="period"
        size="middle"
        dataSource={rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("rankHistory.empty") }}
        columns={[
          {
            title: t("rankHistory.period"),
            dataIndex: "period",
            render: (p: string) => (
              <Space size={4}>
                {periodLabel(p, locale)}
                <Tag>{t(KIND_KEYS[periodKind(p)])}</Tag>
              </Space>
            ),
          },
          {
            title: t("rankHistory.rank"),
            dataIndex: "rank",
            render: (rank: number, r) => <strong>{t("rankHistory.rankOf", { rank, n: r.townships })}</strong>,
          },
          {
            title: t("league.change"),
            dataIndex: "rankChange",
            align: "center",
            render: (v: number) => <RankChange change={v} />,
          },
          {
            title: t("league.total"),
            dataIndex: "total",
            align: "right",
            render: (v: number) => formatScore(v),
          },
          {
            title: t("league.grade"),
            dataIndex: "grade",
            render: (grade: string, r) => (
              <>
                <Tag color={gradeColor(grade)}>{grade}</Tag>
                {r.vetoed && <Tag color="red">{t("league.vetoed")}</Tag>}
              </>
            ),
          },
          {
            title: t("rankHistory.version"),
            dataIndex: "version",
            render: (v: number) => (
              <Space size={4}>
                {t("rankHistory.versionN", { n: v })}
                {v > 1 && <Tag color="orange">{t("rankHistory.corrected")}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
