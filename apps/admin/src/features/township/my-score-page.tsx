import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from "antd";
import { lazy, Suspense } from "react";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../../shared/format-metric";
import { IndicatorTable } from "../../shared/indicator-table";
import { showDeadline, showInstant } from "../../shared/instant";
import { periodLabel } from "../../shared/period-label";
import { submissionStatus } from "../../shared/submission-status";
import { useTownshipId } from "../../shared/use-township-id";
import { TownshipLightsCard } from "./township-lights-card";

const TrendChart = lazy(() => import("./trend-chart"));

/** This month in China Standard Time. */
export function currentMonth(now = new Date()): string {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** 本月得分: the live score, the rank it would have, the points to the next rank and grade, the year's trend, submit. */
export default function MyScorePage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const townshipId = useTownshipId();
  const isAdmin = useSession().session?.user.role === "township_admin";
  const month = currentMonth();
  const preview = useQuery(trpc.submissions.preview.queryOptions({ townshipId, month }));
  const submission = useQuery(trpc.submissions.get.queryOptions({ townshipId, month }));
  const trend = useQuery(
    trpc.submissions.trend.queryOptions({ townshipId, year: Number(month.slice(0, 4)) }),
  );
  const submit = useMutation(
    trpc.submissions.submit.mutationOptions({
      onSuccess: () => {
        message.success(t("myScore.submitted"));
        void qc.invalidateQueries(trpc.submissions.pathFilter());
      },
    }),
  );
  const p = preview.data;
  const s = submission.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("myScore.title", { period: periodLabel(month, locale) })}
      </Typography.Title>
      <TownshipLightsCard townshipId={townshipId} />
      {s && (
        <Card size="small">
          <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
            <Space wrap>
              <span>{t("myScore.submission")}</span>
              <Tag color={submissionStatus(t, s.status).color} data-testid="submission-status">
                {submissionStatus(t, s.status).text}
              </Tag>
              <Typography.Text type="secondary">
                {t("myScore.deadline", { at: showDeadline(s.deadline) })}
              </Typography.Text>
            </Space>
            {isAdmin &&
              (s.status === "draft" || s.status === "returned") &&
              !(s.locked && s.status === "draft") && (
                <Popconfirm
                  title={t("myScore.confirmSubmit")}
                  onConfirm={() => submit.mutate({ townshipId, month, expectedVersion: s.version })}
                >
                  <Button type="primary" loading={submit.isPending}>
                    {t("myScore.submit")}
                  </Button>
                </Popconfirm>
              )}
          </Space>
          {s.returnReason && s.status === "returned" && (
            <Alert
              style={{ marginTop: 8 }}
              type="error"
              showIcon
              title={t("myScore.returned", { reason: s.returnReason })}
            />
          )}
        </Card>
      )}
      {!p ? (
        preview.isPending ? (
          <Spin />
        ) : (
          <Alert type="warning" showIcon title={t("myScore.noScore")} description={t("myScore.noScheme")} />
        )
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t("myScore.liveTotal")}
                  value={formatScore(p.total)}
                  suffix={p.vetoed ? <Tag color="red">{t("myScore.vetoed")}</Tag> : null}
                />
                <span data-testid="live-total" hidden>
                  {formatScore(p.total)}
                </span>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("myScore.expectedRank")} value={p.rank} suffix={`/ ${p.townships}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t("myScore.toNextRank")}
                  value={p.toNextRank === null ? t("myScore.top") : formatScore(p.toNextRank)}
                  suffix={p.toNextRank === null ? null : t("myScore.points")}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={p.nextGrade ? t("myScore.toGrade", { grade: p.nextGrade }) : t("myScore.grade")}
                  value={p.toNextGrade === null ? p.grade : formatScore(p.toNextGrade)}
                  suffix={p.toNextGrade === null ? null : t("myScore.points")}
                />
              </Card>
            </Col>
          </Row>
          <Typography.Text type="secondary">
            {t("myScore.asOf", { at: showInstant(p.asOf), version: p.schemeVersion })}
          </Typography.Text>
          <Card size="small" title={t("myScore.breakdown")}>
            <IndicatorTable townshipId={townshipId} rows={p.indicators} />
          </Card>
        </>
      )}
      {trend.data && trend.data.length > 0 && (
        <Card size="small" title={t("myScore.trend")}>
          <Suspense fallback={<Spin />}>
            <TrendChart points={trend.data} />
          </Suspense>
        </Card>
      )}
    </Space>
  );
}
