import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Select, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { useTRPC } from "../../api/trpc";
import { ExportToolbar } from "../export/export-toolbar";
import { LeagueTableView } from "../league/league-table-view";
import { periodLabel } from "../league/period-label";
import { showInstant } from "../records/instant";

/** A county's published league tables, for anyone, without signing in; laid out for a phone first. */
export default function PublicPage() {
  const { countyId = "" } = useParams();
  const trpc = useTRPC();
  const periods = useQuery(trpc.public.periods.queryOptions({ countyId }));
  const newestFirst = [...new Map((periods.data?.published ?? []).map((p) => [p.period, p])).values()].sort(
    (a, b) => (a.period < b.period ? 1 : -1),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen ?? newestFirst[0]?.period ?? null;
  const table = useQuery({
    ...trpc.public.leagueTable.queryOptions({ countyId, period: period ?? "2026" }),
    enabled: period !== null,
  });
  const county = periods.data?.county;

  return (
    <div style={{ maxWidth: 960, margin: "0 auto", padding: 12 }}>
      <Typography.Title level={3} style={{ textAlign: "center", marginTop: 8 }}>
        {county ? `${county.name}平安建设考评排名` : "平安建设考评排名"}
      </Typography.Title>
      {periods.isPending ? (
        <Spin style={{ display: "block", margin: 48 }} />
      ) : newestFirst.length === 0 ? (
        <Empty description="尚未发布排名" />
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Select
            style={{ width: "100%", maxWidth: 280 }}
            value={period}
            onChange={setChosen}
            options={newestFirst.map((p) => ({ value: p.period, label: periodLabel(p.period) }))}
            aria-label="考核期"
          />
          {table.data && county && (
            <Card
              size="small"
              title={
                <Space wrap>
                  <span>{periodLabel(table.data.period)}</span>
                  <Tag color="blue">第{table.data.version}版</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    发布于 {showInstant(table.data.publishedAt)}
                  </Typography.Text>
                </Space>
              }
            >
              {table.data.reason && (
                <Alert
                  style={{ marginBottom: 12 }}
                  type="info"
                  showIcon
                  title={`更正说明：${table.data.reason}`}
                />
              )}
              <LeagueTableView table={table.data.table} compact />
              <div style={{ marginTop: 12 }}>
                <ExportToolbar
                  table={table.data.table}
                  meta={{
                    countyName: county.name,
                    version: table.data.version,
                    date: table.data.publishedAt,
                    ...(table.data.reason ? { correctionReason: table.data.reason } : {}),
                  }}
                />
              </div>
            </Card>
          )}
        </Space>
      )}
    </div>
  );
}
