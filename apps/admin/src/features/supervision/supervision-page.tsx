import { useQuery } from "@tanstack/react-query";
import {
  Badge,
  Card,
  Col,
  DatePicker,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { periodLabel } from "../league/period-label";
import { lastMonth } from "../league/period-picker";
import { showInstant } from "../records/instant";
import { LEVEL_COLORS, LEVEL_LABELS } from "../records/record-labels";
import { SUBMISSION_STATUS } from "../review/submission-status";

type Watched = RouterOutputs["supervision"]["disputes"]["disputes"][number];

const LIGHT = {
  red: { status: "error", text: "超时" },
  yellow: { status: "warning", text: "临期" },
  green: { status: "success", text: "正常" },
} as const;

function timeLeft(hours: number): string {
  const abs = Math.abs(hours);
  const text = abs >= 48 ? `${Math.floor(abs / 24)} 天` : `${abs} 小时`;
  return hours < 0 ? `已超期 ${text}` : `剩余 ${text}`;
}

/** 督办看板: 超时亮灯 on open disputes, and townships that have not submitted their month. */
export default function SupervisionPage() {
  const trpc = useTRPC();
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const [includeGreen, setIncludeGreen] = useState(false);
  const [month, setMonth] = useState(lastMonth);
  const townships = useQuery(trpc.onboarding.listTownships.queryOptions({ status: "active" }));
  const board = useQuery(trpc.supervision.disputes.queryOptions({ townshipId, includeGreen }));
  const late = useQuery(trpc.supervision.lateSubmissions.queryOptions({ month }));
  const counts = board.data?.counts;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        督办看板
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {(["red", "yellow", "green"] as const).map((l) => (
          <Col xs={8} key={l}>
            <Card size="small">
              <Statistic
                title={<Badge status={LIGHT[l].status} text={`${LIGHT[l].text}纠纷`} />}
                value={counts?.[l] ?? "—"}
                styles={{
                  content: { color: l === "red" ? "#cf1322" : l === "yellow" ? "#d48806" : undefined },
                }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title="未办结矛盾纠纷（按到期先后）"
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="全部乡镇"
              style={{ width: 160 }}
              value={townshipId}
              onChange={setTownshipId}
              options={(townships.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            />
            <Space size={4}>
              <Switch size="small" checked={includeGreen} onChange={setIncludeGreen} />
              <span>含正常件</span>
            </Space>
          </Space>
        }
      >
        <Table<Watched>
          rowKey="id"
          size="small"
          loading={board.isPending}
          dataSource={board.data?.disputes ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: "没有超时或临期的纠纷" }}
          columns={[
            {
              title: "亮灯",
              dataIndex: "light",
              render: (l: Watched["light"]) => <Badge status={LIGHT[l].status} text={LIGHT[l].text} />,
            },
            { title: "乡镇", dataIndex: "townshipName" },
            {
              title: "等级",
              dataIndex: "level",
              render: (l: Watched["level"]) => <Tag color={LEVEL_COLORS[l]}>{LEVEL_LABELS[l]}</Tag>,
            },
            { title: "类别", dataIndex: "category" },
            { title: "当事人简况", dataIndex: "partiesBrief", ellipsis: true },
            { title: "上报时间", dataIndex: "reportedAt", render: showInstant },
            { title: "办结期限", dataIndex: "dueAt", render: showInstant },
            { title: "时限", dataIndex: "hoursLeft", render: timeLeft },
            { title: "调解次数", dataIndex: "attempts", align: "right" },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`${periodLabel(month)}未报送乡镇`}
        extra={
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          />
        }
      >
        {late.data && (
          <Typography.Paragraph type={late.data.deadlinePassed ? "danger" : "secondary"}>
            报送截止 {showInstant(late.data.deadline)}
            {late.data.deadlinePassed ? "，已过截止时间" : ""}
          </Typography.Paragraph>
        )}
        <Table
          rowKey="townshipId"
          size="small"
          loading={late.isPending}
          dataSource={late.data?.townships ?? []}
          pagination={false}
          locale={{ emptyText: "各乡镇均已报送" }}
          columns={[
            { title: "乡镇", dataIndex: "name" },
            { title: "区划代码", dataIndex: "code" },
            {
              title: "状态",
              dataIndex: "status",
              render: (s: string, t: { locked: boolean }) => (
                <Space size={4}>
                  <Tag color={SUBMISSION_STATUS[s]?.color}>{SUBMISSION_STATUS[s]?.text ?? s}</Tag>
                  {late.data?.deadlinePassed && <Badge status="error" text="超时" />}
                  {t.locked && <Tag color="red">已锁定</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
