import {
  explainGaps,
  type IndicatorRow,
  type LeagueRow,
  type LeagueTable,
  type Scheme,
} from "@pingan/domain";
import { Alert, Descriptions, Drawer, Grid, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMetric, formatScore } from "./format-metric";
import { gradeColor } from "./grade-color";
import { indicatorInfo } from "./indicator-info";
import { isMonth } from "./period-label";

type Props = { table: LeagueTable; scheme?: Scheme; row: LeagueRow | null; onClose: () => void };

/** One township's indicators with their notes, and how far it is from the next rank and grade. */
export function TownshipDetailDrawer({ table, scheme, row, onClose }: Props) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const gap = useMemo(() => {
    if (!row || !scheme) return undefined;
    return explainGaps(table, scheme).find((g) => g.townshipId === row.townshipId);
  }, [table, scheme, row]);

  const columns: TableColumnsType<IndicatorRow> = [
    {
      title: t("league.indicator"),
      dataIndex: "code",
      render: (code: string) => {
        const info = indicatorInfo(code, scheme);
        return (
          <span>
            <Typography.Text type="secondary">{code}</Typography.Text> {info.name}
          </span>
        );
      },
    },
    {
      title: t("league.score"),
      dataIndex: "score",
      align: "right",
      render: (v: number, ind) => {
        const max = indicatorInfo(ind.code, scheme).maxScore;
        return (
          <span>
            <strong>{formatScore(v)}</strong>
            {max !== null && <Typography.Text type="secondary"> / {max}</Typography.Text>}
            {ind.zeroed && (
              <Tag color="red" style={{ marginLeft: 4 }}>
                {t("league.zeroed")}
              </Tag>
            )}
          </span>
        );
      },
    },
    { title: t("league.base"), dataIndex: "base", align: "right", render: formatScore },
    {
      title: t("league.deductions"),
      dataIndex: "deductions",
      align: "right",
      render: (v: number) =>
        v > 0 ? <Typography.Text type="danger">−{formatScore(v)}</Typography.Text> : "0.00",
    },
    {
      title: t("league.bonus"),
      dataIndex: "bonus",
      align: "right",
      render: (v: number) =>
        v > 0 ? <Typography.Text type="success">+{formatScore(v)}</Typography.Text> : "0.00",
    },
    {
      title: t("league.metric"),
      dataIndex: "metric",
      align: "right",
      render: (v: number | null, ind) => formatMetric(indicatorInfo(ind.code, scheme).metric, v),
    },
  ];

  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size={screens.md ? 760 : "100%"}
      title={row ? `${row.name}　${t("league.detail")}` : ""}
      destroyOnHidden
    >
      {row && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
            <Descriptions.Item label={t("league.rank")}>{row.rank}</Descriptions.Item>
            <Descriptions.Item label={t("league.total")}>{formatScore(row.total)}</Descriptions.Item>
            <Descriptions.Item label={t("league.grade")}>
              <Tag color={gradeColor(row.grade, scheme)}>{row.grade}</Tag>
              {row.vetoed && <Tag color="red">{t("league.vetoed")}</Tag>}
            </Descriptions.Item>
            {gap && (
              <>
                <Descriptions.Item label={t("league.toNextRank")} span={{ xs: 1, sm: 1, md: 1 }}>
                  <span data-testid="gap-rank">
                    {gap.toNextRank === null
                      ? t("league.top")
                      : `${formatScore(gap.toNextRank)} ${t("league.points")}`}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t("league.toNextGrade")} span={{ xs: 1, sm: 1, md: 2 }}>
                  <span data-testid="gap-grade">
                    {row.vetoed
                      ? t("league.vetoNoGrade")
                      : gap.nextGrade === null || gap.toNextGrade === null
                        ? t("league.topGrade")
                        : `${gap.nextGrade} ${formatScore(gap.toNextGrade)} ${t("league.points")}`}
                  </span>
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
          {!isMonth(table.period) || row.indicators.length === 0 ? (
            <Alert style={{ marginTop: 16 }} type="info" showIcon title={t("league.quarterNoIndicators")} />
          ) : (
            <Table<IndicatorRow>
              style={{ marginTop: 16 }}
              rowKey="code"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={row.indicators}
              scroll={{ x: "max-content" }}
              expandable={{
                defaultExpandAllRows: true,
                rowExpandable: (ind) => ind.notes.length > 0,
                expandedRowRender: (ind) => (
                  <ul style={{ margin: 0, paddingLeft: 20 }} data-testid={`notes-${ind.code}`}>
                    {ind.notes.map((n, i) => (
                      // Notes are fixed per indicator and may repeat, so their place is their identity.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <li key={i}>{n}</li>
                    ))}
                  </ul>
                ),
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
