import { type LeagueTable, monthsOf } from "@pingan/domain";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
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
import { PeriodPicker } from "../../shared/period-picker";
import { useCountyScheme } from "../../shared/use-county-scheme";

const ComparisonChart = lazy(() => import("../../shared/league-table/comparison-chart"));

/** A period is finished (publishable) when its last month is before the server's current month. */
function finished(period: string, currentMonth: string | undefined): boolean {
  if (!currentMonth) return false;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  const last = q
    ? `${q[1]}-${String(Number(q[2]) * 3).padStart(2, "0")}`
    : /^\d{4}$/.test(period)
      ? `${period}-12`
      : period;
  return last < currentMonth;
}

type Row = LeagueTable["rows"][number];

/** The townships whose total, rank or grade differ between two versions of a period's table. */
export function versionChanges(before: LeagueTable, after: LeagueTable) {
  const old = new Map(before.rows.map((r) => [r.townshipId, r]));
  const out: { name: string; before: Row | undefined; after: Row }[] = [];
  for (const r of after.rows) {
    const o = old.get(r.townshipId);
    if (!o || o.total !== r.total || o.rank !== r.rank || o.grade !== r.grade)
      out.push({ name: r.name, before: o, after: r });
  }
  return out;
}

/**
 * 考评排名: a period's table. A published period opens on its newest published version (第N版, with its
 * date); the live preview from current records is a separate, clearly labelled view. Publishing is
 * offered only for finished periods; a correction needs a reason; the history says what each version
 * changed.
 */
export default function LeaguePage() {
  const trpc = useTRPC();
  const cycle = useQuery(trpc.submissions.cycle.queryOptions());
  const currentMonth = cycle.data?.currentMonth;
  // The period lives in the address, so a table can be linked to and survives a reload.
  const [search, setSearch] = useSearchParams();
  const asked = search.get("period");
  const period =
    asked && /^\d{4}(-\d{2}|-Q[1-4])?$/.test(asked)
      ? asked
      : currentMonth
        ? previousMonthOf(currentMonth)
        : undefined;
  const setPeriod = (p: string) => setSearch({ period: p }, { replace: true });
  if (!period) return <Spin />;
  return <LeaguePeriod key={period} period={period} setPeriod={setPeriod} currentMonth={currentMonth} />;
}

function LeaguePeriod({
  period,
  setPeriod,
  currentMonth,
}: {
  period: string;
  setPeriod: (p: string) => void;
  /** The server's current month (China time): a period before it is finished. */
  currentMonth: string | undefined;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { session } = useSession();
  const { t, locale } = useI18n();
  const isAdmin = session?.user.role === "county_admin";
  // null: the newest published version when there is one, else the live preview.
  const [choice, setChoice] = useState<number | "live" | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string; appealId?: string }>();
  const [internalOnly, setInternalOnly] = useState(false);

  const county = useQuery(trpc.counties.mine.queryOptions());
  const published = useQuery(trpc.league.published.queryOptions());
  const versions = (published.data ?? []).filter((p) => p.period === period);
  const newest = versions.reduce((m, v) => Math.max(m, v.version), 0);
  const version = choice === "live" ? null : (choice ?? (newest > 0 ? newest : null));
  const live = useQuery({
    ...trpc.league.compute.queryOptions({ period }),
    enabled: published.isSuccess && version === null,
  });
  const shown = useQuery({
    ...trpc.league.get.queryOptions({ period, version: version ?? 1 }),
    enabled: version !== null,
  });
  const allVersions = useQueries({
    queries: versions.map((v) => trpc.league.get.queryOptions({ period, version: v.version })),
  });
  const bodies = new Map(
    allVersions.flatMap((q) => (q.data ? [[q.data.version, q.data.table] as const] : [])),
  );
  const table: LeagueTable | undefined = version === null ? live.data?.table : shown.data?.table;
  const scheme = useCountyScheme(Number(period.slice(0, 4)), table?.schemeVersion);
  const canPublish = finished(period, currentMonth);

  const appeals = useQuery({ ...trpc.appeals.queue.queryOptions({}), enabled: isAdmin });
  const periodAppeals = (appeals.data ?? []).filter(
    (a) => (a.status === "upheld" || a.status === "amended") && monthsOf(period).includes(a.month),
  );
  const makePublic = useMutation(
    trpc.league.makePublic.mutationOptions({
      onSuccess: () => {
        message.success(t("leaguePage.madePublic"));
        void qc.invalidateQueries(trpc.league.pathFilter());
      },
      onError: (e) => message.error(e.message),
    }),
  );
  const internal = internalOnly ? { internal: true } : {};
  const publish = useMutation(
    trpc.league.publish.mutationOptions({
      onSuccess: (p) => {
        message.success(
          t("leaguePage.publishedMessage", { period: periodLabel(p.period, locale), version: p.version }),
        );
        setCorrecting(false);
        setChoice(p.version);
        void qc.invalidateQueries(trpc.league.pathFilter());
      },
      onError: (e) => applyFieldErrors(reasonForm, e),
    }),
  );

  const viewing = version === null ? null : shown.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("leaguePage.title")}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
          <PeriodPicker value={period} onChange={setPeriod} />
          {newest > 0 && (
            <Segmented<"official" | "live">
              value={version === null ? "live" : "official"}
              onChange={(v) => setChoice(v === "live" ? "live" : null)}
              options={[
                { value: "official", label: t("leaguePage.official") },
                { value: "live", label: t("leaguePage.live") },
              ]}
              data-testid="league-view"
            />
          )}
          {isAdmin &&
            (!canPublish ? (
              <Typography.Text type="secondary" data-testid="period-open">
                {t("leaguePage.periodOpen")}
              </Typography.Text>
            ) : versions.length === 0 ? (
              <Popconfirm
                title={t("leaguePage.confirmPublish", { period: periodLabel(period, locale) })}
                description={
                  <Checkbox checked={internalOnly} onChange={(e) => setInternalOnly(e.target.checked)}>
                    {t("leaguePage.internalOnly")}
                  </Checkbox>
                }
                onConfirm={() => publish.mutate({ period, ...internal })}
              >
                <Button type="primary" loading={publish.isPending}>
                  {t("leaguePage.publish")}
                </Button>
              </Popconfirm>
            ) : (
              <Button onClick={() => setCorrecting(true)}>{t("leaguePage.correct")}</Button>
            ))}
        </Space>
      </Card>
      {versions.length > 0 && (
        <Card size="small" title={t("leaguePage.versions")}>
          {[...versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => {
              const before = bodies.get(v.version - 1);
              const after = bodies.get(v.version);
              const changes = before && after ? versionChanges(before, after) : null;
              return (
                <div key={v.version} style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
                  <Space wrap>
                    <Tag color="blue">{t("leaguePage.versionTag", { version: v.version })}</Tag>
                    {v.visibility === "internal" && <Tag color="orange">{t("leaguePage.internalTag")}</Tag>}
                    {v.appealId && <Tag color="purple">{t("leaguePage.appealTag")}</Tag>}
                    {isAdmin && v.visibility === "internal" && (
                      <Popconfirm
                        title={t("leaguePage.confirmMakePublic", { version: v.version })}
                        onConfirm={() => makePublic.mutate({ period: v.period, version: v.version })}
                      >
                        <Button size="small" loading={makePublic.isPending}>
                          {t("leaguePage.makePublic")}
                        </Button>
                      </Popconfirm>
                    )}
                    <span>{showInstant(v.publishedAt)}</span>
                    {v.reason && (
                      <Typography.Text type="secondary">
                        {t("leaguePage.reason", { reason: v.reason })}
                      </Typography.Text>
                    )}
                    <Button
                      size="small"
                      type={version === v.version ? "primary" : "default"}
                      onClick={() => setChoice(v.version)}
                    >
                      {t("leaguePage.view")}
                    </Button>
                    {county.data && (
                      <Button
                        size="small"
                        type="link"
                        href={bundleUrl(county.data.id, v.period, v.version)}
                        download
                      >
                        {t("public.bundle")}
                      </Button>
                    )}
                  </Space>
                  {changes && (
                    <div data-testid={`changes-${v.version}`} style={{ marginTop: 4 }}>
                      <Typography.Text type="secondary">
                        {changes.length === 0
                          ? t("leaguePage.noChanges")
                          : t("leaguePage.changes", {
                              list: changes
                                .map((c) =>
                                  c.before
                                    ? `${c.name} ${c.before.total.toFixed(2)}→${c.after.total.toFixed(2)}（${c.before.rank}→${c.after.rank}，${c.before.grade}→${c.after.grade}）`
                                    : `${c.name} ${c.after.total.toFixed(2)}（${c.after.rank}，${c.after.grade}）`,
                                )
                                .join("；"),
                            })}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              );
            })}
        </Card>
      )}
      {!table ? (
        (version === null ? live.isPending : shown.isPending) ? (
          <Spin />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={t("leaguePage.empty")}
            description={t("leaguePage.emptyHint")}
          />
        )
      ) : (
        <Card
          title={
            <Space wrap>
              <span>
                {county.data?.name} {periodLabel(table.period, locale)}
              </span>
              {viewing ? (
                <Tag color="blue" data-testid="league-official">
                  {t("leaguePage.officialTag", {
                    version: viewing.version,
                    at: showInstant(viewing.publishedAt),
                  })}
                </Tag>
              ) : (
                <Tag color="orange" data-testid="league-live">
                  {t("leaguePage.liveTag")}
                </Tag>
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
          {!viewing && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                newest > 0
                  ? t("leaguePage.liveNoticePublished", { version: newest })
                  : t("leaguePage.liveNotice")
              }
            />
          )}
          <LeagueTableView table={table} scheme={scheme} />
          <div style={{ marginTop: 24 }}>
            <Suspense fallback={null}>
              <ComparisonChart table={table} scheme={scheme} />
            </Suspense>
          </div>
        </Card>
      )}
      <Modal
        title={t("leaguePage.correctTitle", { period: periodLabel(period, locale) })}
        open={correcting}
        onCancel={() => setCorrecting(false)}
        onOk={() => reasonForm.submit()}
        confirmLoading={publish.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("leaguePage.correctHint")}</Typography.Paragraph>
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(v) => {
            const appeal = periodAppeals.find((a) => a.id === v.appealId);
            publish.mutate({
              period,
              reason: v.reason,
              ...internal,
              ...(appeal ? { appeal: { townshipId: appeal.townshipId, appealId: appeal.id } } : {}),
            });
          }}
        >
          {periodAppeals.length > 0 && (
            <Form.Item name="appealId" label={t("leaguePage.appealLabel")}>
              <Select
                allowClear
                data-testid="correction-appeal"
                options={periodAppeals.map((a) => ({
                  value: a.id,
                  label: `${a.month} ${a.indicator}：${a.reason}`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item>
            <Checkbox checked={internalOnly} onChange={(e) => setInternalOnly(e.target.checked)}>
              {t("leaguePage.internalOnly")}
            </Checkbox>
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("leaguePage.reasonLabel")}
            rules={[{ required: true, message: t("leaguePage.reasonRequired") }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** The month before a `YYYY-MM`. */
function previousMonthOf(m: string): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, "0")}`;
}
