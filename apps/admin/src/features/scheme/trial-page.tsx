import { UploadOutlined } from "@ant-design/icons";
import {
  computeLeagueTable,
  type Data,
  type LeagueTable,
  parseData,
  parseScheme,
  type Scheme,
} from "@pingan/domain";
import { Alert, Button, Card, Input, Space, Typography, Upload } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { ExportToolbar } from "../../shared/league-table/export-toolbar";
import { LeagueTableView } from "../../shared/league-table/league-table-view";
import { periodLabel } from "../../shared/period-label";
import { schemeDraftStore } from "./scheme-draft-store";

const ComparisonChart = lazy(() => import("../../shared/league-table/comparison-chart"));

const PERIOD = /^\d{4}(-\d{2}|-Q[1-4])?$/;

/**
 * Trial scoring (试算): a county loads a data file and sees the league table its scheme draft would give,
 * before the scheme is adopted. Nothing here is saved or published.
 */
export default function TrialPage() {
  const { t, locale } = useI18n();
  const [data, setData] = useState<Data | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [period, setPeriod] = useState("");
  const parsedScheme = useMemo(() => parseScheme(schemeDraftStore.load()), []);
  const scheme: Scheme | null = parsedScheme.ok ? parsedScheme.value : null;

  const result = useMemo<{ table: LeagueTable } | { error: string } | null>(() => {
    if (!data || !scheme || !PERIOD.test(period)) return null;
    try {
      return { table: computeLeagueTable(scheme, data, period) };
    } catch (e) {
      return { error: (e as { messageZh?: string }).messageZh ?? "数据无法计分，请检查数据文件" };
    }
  }, [data, scheme, period]);

  const load = async (file: File) => {
    setProblem(null);
    try {
      const parsed = parseData(JSON.parse(await file.text()));
      if (!parsed.ok) {
        setData(null);
        setProblem(
          parsed.issues
            .slice(0, 5)
            .map((i) => i.messageZh)
            .join("；"),
        );
        return;
      }
      setData(parsed.value);
    } catch {
      setData(null);
      setProblem(t("scheme.importFailed"));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("nav.trial")}
      </Typography.Title>
      {!scheme && (
        <Alert
          type="warning"
          showIcon
          title={t("scheme.invalid", { n: parsedScheme.ok ? 0 : parsedScheme.issues.length })}
        />
      )}
      <Card size="small">
        <Space wrap>
          <Upload
            accept="application/json,.json"
            showUploadList={false}
            beforeUpload={(file) => {
              void load(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="trial-upload">
              {locale === "en" ? "Load data file (JSON)" : "载入数据文件（JSON）"}
            </Button>
          </Upload>
          <Input
            style={{ width: 200 }}
            placeholder="2026-10 / 2026-Q3 / 2026"
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
            aria-label={t("league.period")}
            status={period && !PERIOD.test(period) ? "error" : ""}
          />
          {data && <Typography.Text type="secondary">{data.county.name}</Typography.Text>}
        </Space>
        {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon title={problem} />}
      </Card>
      {result && "error" in result && <Alert type="error" showIcon title={result.error} />}
      {result && "table" in result && data && scheme && (
        <Card
          title={`${data.county.name} ${periodLabel(result.table.period, locale)}`}
          extra={
            <ExportToolbar
              table={result.table}
              scheme={scheme}
              meta={{ countyName: data.county.name, date: new Date().toISOString() }}
            />
          }
        >
          <LeagueTableView table={result.table} scheme={scheme} />
          <div style={{ marginTop: 24 }}>
            <Suspense fallback={null}>
              <ComparisonChart table={result.table} scheme={scheme} />
            </Suspense>
          </div>
        </Card>
      )}
    </Space>
  );
}
