import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { lazy, Suspense, useState } from "react";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../../shared/format-metric";
import { IndicatorTable } from "../../shared/indicator-table";
import { showDeadline, showInstant } from "../../shared/instant";
import { periodLabel } from "../../shared/period-label";
import { submissionStatus } from "../../shared/submission-status";
import { useDueMonth } from "../../shared/use-cycle";
import { useTownshipId } from "../../shared/use-township-id";
import { YearOnYearCard } from "../../shared/year-on-year";
import { MyGridsCard } from "./my-grids-card";
import { TownshipLightsCard } from "./township-lights-card";

const TrendChart = lazy(() => import("./trend-chart"));

/**
 * 本月得分: the live score of a month, the rank it would have, the points to the next rank and grade, the
 * year's trend, submit. It opens on the month due (the server's rule: on 3 December, November) and can
 * look at any other month.
 */
export default function MyScorePage() {
  const { dueMonth, deadline } = useDueMonth();
  if (!dueMonth) return <Spin />;
  return <MonthScore dueMonth={dueMonth} deadline={deadline ?? ""} />;
}

function MonthScore({ dueMonth, deadline }: { dueMonth: string; deadline: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const townshipId = useTownshipId();
  const isAdmin = useSession().session?.user.role === "township_admin";
  const [month, setMonth] = useState(dueMonth);
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
      <MyGridsCard townshipId={townshipId} />
      <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("myScore.title", { period: periodLabel(month, locale) })}
        </Typography.Title>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          aria-label={t("myScore.month")}
          data-testid="my-score-month"
        />
      </Space>
      <Alert
        type={month === dueMonth ? "info" : "warning"}
        showIcon
        data-testid="due-month"
        title={t("myScore.due", { period: periodLabel(dueMonth, locale), at: showDeadline(deadline) })}
        action={
          month === dueMonth ? null : (
            <Button size="small" onClick={() => setMonth(dueMonth)}>
              {t("myScore.backToDue")}
            </Button>
          )
        }
      />
      <TownshipLightsCard townshipId={townshipId} />
      <YearOnYearCard townshipId={townshipId} month={month} />
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
                    {t("myScore.submit", { period: periodLabel(month, locale) })}
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
