import type { LeagueTable } from "@pingan/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Typography,
} from "antd";
import { lazy, Suspense, useState } from "react";
import { useSearchParams } from "react-router";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../../shared/instant";
import { bundleUrl } from "../../shared/league-table/bundle-url";
import { ExportToolbar } from "../../shared/league-table/export-toolbar";
import { LeagueTableView } from "../../shared/league-table/league-table-view";
import { periodLabel } from "../../shared/period-label";
import { lastMonth, PeriodPicker } from "../../shared/period-picker";
import { useCountyScheme } from "../../shared/use-county-scheme";

const ComparisonChart = lazy(() => import("../../shared/league-table/comparison-chart"));

/** 考评排名: the live table for a month, quarter or year; publish it, correct it with a reason, read versions. */
export default function LeaguePage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { session } = useSession();
  const { t } = useI18n();
  const isAdmin = session?.user.role === "county_admin";
  // The period lives in the address, so a table can be linked to and survives a reload.
  const [search, setSearch] = useSearchParams();
  const asked = search.get("period");
  const period = asked && /^\d{4}(-\d{2}|-Q[1-4])?$/.test(asked) ? asked : lastMonth();
  const setPeriod = (p: string) => setSearch({ period: p }, { replace: true });
  const [version, setVersion] = useState<number | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const county = useQuery(trpc.counties.mine.queryOptions());
  const live = useQuery({ ...trpc.league.compute.queryOptions({ period }), enabled: version === null });
  const published = useQuery(trpc.league.published.queryOptions());
  const versions = (published.data ?? []).filter((p) => p.period === period);
  const shown = useQuery({
    ...trpc.league.get.queryOptions({ period, version: version ?? 1 }),
    enabled: version !== null,
  });
  const table: LeagueTable | undefined = version === null ? live.data?.table : shown.data?.table;
  const scheme = useCountyScheme(Number(period.slice(0, 4)), table?.schemeVersion);

  const publish = useMutation(
    trpc.league.publish.mutationOptions({
      onSuccess: (p) => {
        message.success(`${periodLabel(p.period)}排名已发布（第${p.version}版）`);
        setCorrecting(false);
        setVersion(p.version);
        void qc.invalidateQueries(trpc.league.pathFilter());
      },
      onError: (e) => applyFieldErrors(reasonForm, e),
    }),
  );

  const viewing = version === null ? null : shown.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        考评排名
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
          <PeriodPicker
            value={period}
            onChange={(p) => {
              setPeriod(p);
              setVersion(null);
            }}
          />
          {isAdmin &&
            (versions.length === 0 ? (
              <Popconfirm
                title={`发布${periodLabel(period)}排名？发布后不可修改，只能更正发布新版本。`}
                onConfirm={() => publish.mutate({ period })}
              >
                <Button type="primary" loading={publish.isPending}>
                  发布排名
                </Button>
              </Popconfirm>
            ) : (
              <Button onClick={() => setCorrecting(true)}>更正发布</Button>
            ))}
        </Space>
      </Card>
      {versions.length > 0 && (
        <Card size="small" title="已发布版本">
          <List
            size="small"
            dataSource={versions}
            renderItem={(v) => (
              <List.Item
                actions={[
                  <Button
                    key="view"
                    size="small"
                    type={version === v.version ? "primary" : "default"}
                    onClick={() => setVersion(v.version)}
                  >
                    查看
                  </Button>,
                  ...(county.data
                    ? [
                        <Button
                          key="bundle"
                          size="small"
                          type="link"
                          href={bundleUrl(county.data.id, v.period, v.version)}
                          download
                        >
                          {t("public.bundle")}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <Space wrap>
                  <Tag color="blue">第{v.version}版</Tag>
                  <span>{showInstant(v.publishedAt)}</span>
                  {v.reason && <Typography.Text type="secondary">更正原因：{v.reason}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
          {version !== null && (
            <Button type="link" onClick={() => setVersion(null)}>
              查看实时计算结果
            </Button>
          )}
        </Card>
      )}
      {!table ? (
        (version === null ? live.isPending : shown.isPending) ? (
          <Spin />
        ) : (
          <Alert
            type="warning"
            showIcon
            title="暂无排名数据"
            description="请确认本年度考核细则已保存，且有已启用的乡镇。"
          />
        )
      ) : (
        <Card
          title={
            <Space wrap>
              <span>
                {county.data?.name} {periodLabel(table.period)}
              </span>
              {viewing ? (
                <Tag color="blue">已发布 第{viewing.version}版</Tag>
              ) : (
                <Tag color="orange">实时计算（未发布）</Tag>
              )}
            </Space>
          }
          extra={
            <ExportToolbar
              table={table}
              scheme={scheme}
              meta={{
                countyName: county.data?.name ?? "",
                date: viewing?.publishedAt ?? new Date().toISOString(),
                ...(viewing ? { version: viewing.version } : {}),
                ...(viewing?.reason ? { correctionReason: viewing.reason } : {}),
              }}
            />
          }
        >
          <LeagueTableView table={table} scheme={scheme} />
          <div style={{ marginTop: 24 }}>
            <Suspense fallback={null}>
              <ComparisonChart table={table} scheme={scheme} />
            </Suspense>
          </div>
        </Card>
      )}
      <Modal
        title={`更正发布：${periodLabel(period)}`}
        open={correcting}
        onCancel={() => setCorrecting(false)}
        onOk={() => reasonForm.submit()}
        confirmLoading={publish.isPending}
        destroyOnHidden
      >
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(v) => publish.mutate({ period, reason: v.reason })}
        >
          <Form.Item
            name="reason"
            label="更正理由"
            rules={[{ required: true, message: "更正发布须说明理由" }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
