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
import { useTRPC } from "../../api/trpc";
import { useSession } from "../../auth/session-provider";
import { formatScore } from "../league/format-metric";
import { periodLabel } from "../league/period-label";
import { showInstant } from "../records/instant";
import { useTownshipId } from "../records/use-township-id";
import { IndicatorBreakdown } from "../review/indicator-breakdown";
import { SUBMISSION_STATUS } from "../review/submission-status";

const TrendChart = lazy(() => import("./trend-chart"));

/** This month in China Standard Time. */
export function currentMonth(now = new Date()): string {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** 本月得分: the live score, the rank it would have, the points to the next rank and grade, the year's trend, submit. */
export default function MyScorePage() {
  const trpc = useTRPC();
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
        message.success("本月填报已提交，等待县级审核");
        void qc.invalidateQueries(trpc.submissions.pathFilter());
      },
    }),
  );
  const p = preview.data;
  const s = submission.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {periodLabel(month)}得分
      </Typography.Title>
      {s && (
        <Card size="small">
          <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
            <Space wrap>
              <span>月度填报：</span>
              <Tag color={SUBMISSION_STATUS[s.status]?.color} data-testid="submission-status">
                {SUBMISSION_STATUS[s.status]?.text ?? s.status}
              </Tag>
              <Typography.Text type="secondary">报送截止 {showInstant(s.deadline)}</Typography.Text>
            </Space>
            {isAdmin &&
              (s.status === "draft" || s.status === "returned") &&
              !(s.locked && s.status === "draft") && (
                <Popconfirm
                  title="提交后由县级审核，审核期间不能修改，确定提交？"
                  onConfirm={() => submit.mutate({ townshipId, month, expectedVersion: s.version })}
                >
                  <Button type="primary" loading={submit.isPending}>
                    提交本月填报
                  </Button>
                </Popconfirm>
              )}
          </Space>
          {s.returnReason && s.status === "returned" && (
            <Alert style={{ marginTop: 8 }} type="error" showIcon title={`县级退回：${s.returnReason}`} />
          )}
        </Card>
      )}
      {!p ? (
        preview.isPending ? (
          <Spin />
        ) : (
          <Alert
            type="warning"
            showIcon
            title="暂时无法计算本月得分"
            description="县级尚未保存本年度考核细则时无法计分。"
          />
        )
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="实时总分"
                  value={formatScore(p.total)}
                  suffix={p.vetoed ? <Tag color="red">一票否决</Tag> : null}
                />
                <span data-testid="live-total" hidden>
                  {formatScore(p.total)}
                </span>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="预计名次" value={p.rank} suffix={`/ ${p.townships}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="距上一名次"
                  value={p.toNextRank === null ? "已居首位" : formatScore(p.toNextRank)}
                  suffix={p.toNextRank === null ? null : "分"}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={p.nextGrade ? `距“${p.nextGrade}”` : "等次"}
                  value={p.toNextGrade === null ? p.grade : formatScore(p.toNextGrade)}
                  suffix={p.toNextGrade === null ? null : "分"}
                />
              </Card>
            </Col>
          </Row>
          <Typography.Text type="secondary">
            按截至 {showInstant(p.asOf)} 的工作纪实实时计算，细则第{p.schemeVersion}
            版；以县级审核发布的结果为准。
          </Typography.Text>
          <Card size="small" title="逐项得分与失分原因">
            <IndicatorBreakdown townshipId={townshipId} rows={p.indicators} />
          </Card>
        </>
      )}
      {trend.data && trend.data.length > 0 && (
        <Card size="small" title="本年度得分与名次走势">
          <Suspense fallback={<Spin />}>
            <TrendChart points={trend.data} />
          </Suspense>
        </Card>
      )}
    </Space>
  );
}
