import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Select, Space, Spin, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../../shared/instant";
import { bundleUrl } from "../../shared/league-table/bundle-url";
import { ExportToolbar } from "../../shared/league-table/export-toolbar";
import { LeagueTableView } from "../../shared/league-table/league-table-view";
import { periodLabel } from "../../shared/period-label";

/** A county's published league tables, for anyone, without signing in; laid out for a phone first. */
export default function PublicPage() {
  const { countyId = "" } = useParams();
  const trpc = useTRPC();
  const { t } = useI18n();
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
        {county ? t("public.countyTitle", { county: county.name }) : t("public.title")}
      </Typography.Title>
      {periods.isPending ? (
        <Spin style={{ display: "block", margin: 48 }} />
      ) : newestFirst.length === 0 ? (
        <Empty description={t("public.empty")} />
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Select
            style={{ width: "100%", maxWidth: 280 }}
            value={period}
            onChange={setChosen}
            options={newestFirst.map((p) => ({ value: p.period, label: periodLabel(p.period) }))}
            aria-label={t("public.period")}
          />
          {table.data && county && (
            <Card
              size="small"
              title={
                <Space wrap>
                  <span>{periodLabel(table.data.period)}</span>
                  <Tag color="blue">{t("public.version", { n: table.data.version })}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("public.publishedAt", { at: showInstant(table.data.publishedAt) })}
                  </Typography.Text>
                </Space>
              }
            >
              {table.data.reason && (
                <Alert
                  style={{ marginBottom: 12 }}
                  type="info"
                  showIcon
                  title={t("public.correction", { reason: table.data.reason })}
                />
              )}
              <LeagueTableView table={table.data.table} compact />
              <Space wrap style={{ marginTop: 12 }}>
                <Tooltip title={t("public.bundleHint")}>
                  <Button href={bundleUrl(countyId, table.data.period, table.data.version)} download>
                    {t("public.bundle")}
                  </Button>
                </Tooltip>
                <ExportToolbar
                  table={table.data.table}
                  meta={{
                    countyName: county.name,
                    version: table.data.version,
                    date: table.data.publishedAt,
                    ...(table.data.reason ? { correctionReason: table.data.reason } : {}),
                  }}
                />
              </Space>
            </Card>
          )}
        </Space>
      )}
    </div>
  );
}
