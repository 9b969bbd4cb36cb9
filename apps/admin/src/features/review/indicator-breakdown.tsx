import { Table, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMetric, formatScore } from "../league/format-metric";
import { IndicatorRecords } from "./indicator-records";

type Row = {
  code: string;
  name: string;
  maxScore: number;
  score: number;
  base: number;
  deductions: number;
  bonus: number;
  zeroed: boolean;
  metric: number | null;
  notes: string[];
  records?: { kind: string; id: string }[];
};

/** Each indicator of one township's month: score out of full marks, and why each point was lost. */
export function IndicatorBreakdown({
  townshipId,
  rows,
  metricOf,
}: {
  /** Whose records the 「相关记录」 links open. */
  townshipId: string;
  rows: Row[];
  metricOf?: (code: string) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Table<Row>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: "max-content" }}
      expandable={{
        defaultExpandAllRows: true,
        rowExpandable: (r) => r.notes.length > 0 || (r.records?.length ?? 0) > 0,
        expandedRowRender: (r) => (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {r.notes.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes are fixed per indicator and may repeat
              <li key={i}>{n}</li>
            ))}
            {r.records && r.records.length > 0 && (
              <li>
                <IndicatorRecords townshipId={townshipId} title={r.name} records={r.records} />
              </li>
            )}
          </ul>
        ),
      }}
      columns={[
        {
          title: t("review.breakdown.indicator"),
          dataIndex: "name",
          render: (name: string, r) => (
            <span>
              <Typography.Text type="secondary">{r.code}</Typography.Text> {name}
            </span>
          ),
        },
        {
          title: t("review.breakdown.score"),
          dataIndex: "score",
          align: "right",
          render: (v: number, r) => (
            <span>
              <strong>{formatScore(v)}</strong>
              <Typography.Text type="secondary"> / {r.maxScore}</Typography.Text>
              {r.zeroed && (
                <Tag color="red" style={{ marginLeft: 4 }}>
                  {t("review.breakdown.zeroed")}
                </Tag>
              )}
            </span>
          ),
        },
        {
          title: t("review.breakdown.deductions"),
          dataIndex: "deductions",
          align: "right",
          render: (v: number) =>
            v > 0 ? <Typography.Text type="danger">−{formatScore(v)}</Typography.Text> : "—",
        },
        {
          title: t("review.breakdown.bonus"),
          dataIndex: "bonus",
          align: "right",
          render: (v: number) =>
            v > 0 ? <Typography.Text type="success">+{formatScore(v)}</Typography.Text> : "—",
        },
        {
          title: t("review.breakdown.metric"),
          dataIndex: "metric",
          align: "right",
          render: (v: number | null, r) => formatMetric(metricOf?.(r.code), v),
        },
      ]}
    />
  );
}
