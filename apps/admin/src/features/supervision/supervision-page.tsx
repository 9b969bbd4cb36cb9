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
import type { MessageKey } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";
import { useGridOptions } from "../../shared/grid-options";
import { showDeadline, showInstant } from "../../shared/instant";
import { periodLabel } from "../../shared/period-label";
import { lastMonth } from "../../shared/period-picker";
import { LEVEL_COLORS, recordLabels } from "../../shared/record-labels";
import { submissionStatus } from "../../shared/submission-status";

type Watched = RouterOutputs["supervision"]["disputes"]["disputes"][number];
type DuePerson = RouterOutputs["supervision"]["keyPersons"]["persons"][number];
type TownshipLights = RouterOutputs["supervision"]["townships"][number];

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const LIGHT = {
  red: { status: "error", text: "supervision.light.red", count: "supervision.count.red" },
  yellow: { status: "warning", text: "supervision.light.yellow", count: "supervision.count.yellow" },
  green: { status: "success", text: "supervision.light.green", count: "supervision.count.green" },
} as const;

/** Time to a dispute's deadline: hours under two days, days beyond, past ones as overdue. */
export function timeLeft(hours: number, t: T): string {
  const abs = Math.abs(hours);
  const time =
    abs >= 48 ? t("supervision.days", { n: Math.floor(abs / 24) }) : t("supervision.hours", { n: abs });
  return hours < 0 ? t("supervision.overdueBy", { time }) : t("supervision.remaining", { time });
}

/** 督办看板: 超时亮灯 on open disputes, and townships that have not submitted their month. */
export default function SupervisionPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const levels = recordLabels(t);
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const [villageId, setVillageId] = useState<string | undefined>();
  const [gridId, setGridId] = useState<string | undefined>();
  const [responsibleId, setResponsibleId] = useState<string | undefined>();
  const [includeGreen, setIncludeGreen] = useState(false);
  const [month, setMonth] = useState(lastMonth);
  const townships = useQuery(trpc.onboarding.listTownships.queryOptions({ status: "active" }));
  // The chosen township's villages, grids and people (the county reads its own townships' only).
  const org = useGridOptions(townshipId);
  const chooseTownship = (id: string | undefined) => {
    setTownshipId(id);
    setVillageId(undefined);
    setGridId(undefined);
    setResponsibleId(undefined);
  };
  const board = useQuery(
    trpc.supervision.disputes.queryOptions({ townshipId, villageId, gridId, responsibleId, includeGreen }),
  );
  const gridName = new Map(org.filter.map((g) => [g.value, g.label]));
  const personName = new Map(org.people.map((p) => [p.value, p.label]));
  const late = useQuery(trpc.supervision.lateSubmissions.queryOptions({ month }));
  const persons = useQuery(trpc.supervision.keyPersons.queryOptions({ townshipId, includeGreen }));
  // Every township's lights on everything with a deadline, as each sees them on its home page.
  const townshipLights = useQuery(trpc.supervision.townships.queryOptions({ townshipId }));
  const counts = board.data?.counts;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("supervision.title")}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {(["red", "yellow", "green"] as const).map((l) => (
          <Col xs={8} key={l}>
            <Card size="small">
              <Statistic
                title={<Badge status={LIGHT[l].status} text={t(LIGHT[l].count)} />}
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
        data-testid="supervision-disputes"
        title={t("supervision.openDisputes")}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t("supervision.allTownships")}
              style={{ width: 160 }}
              value={townshipId}
              onChange={chooseTownship}
              options={(townships.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
              aria-label={t("supervision.township")}
            />
            {townshipId && org.villages.length > 0 && (
              <>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  placeholder={t("supervision.village")}
                  style={{ width: 140 }}
                  value={villageId}
                  onChange={(v: string | undefined) => {
                    setVillageId(v);
                    setGridId(undefined);
                  }}
                  options={org.villages}
                  aria-label={t("supervision.village")}
                />
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  placeholder={t("supervision.grid")}
                  style={{ width: 180 }}
                  value={gridId}
                  onChange={setGridId}
                  options={org.filterIn(villageId)}
                  aria-label={t("supervision.grid")}
                />
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  placeholder={t("supervision.responsible")}
                  style={{ width: 140 }}
                  value={responsibleId}
                  onChange={setResponsibleId}
                  options={org.people}
                  aria-label={t("supervision.responsible")}
                />
              </>
            )}
            <Space size={4}>
              <Switch size="small" checked={includeGreen} onChange={setIncludeGreen} />
              <span>{t("supervision.includeGreen")}</span>
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
          locale={{ emptyText: t("supervision.noDisputes") }}
          columns={[
            {
              title: t("supervision.light"),
              dataIndex: "light",
              render: (l: Watched["light"]) => <Badge status={LIGHT[l].status} text={t(LIGHT[l].text)} />,
            },
            { title: t("supervision.township"), dataIndex: "townshipName" },
            ...(townshipId && org.villages.length > 0
              ? [
                  {
                    title: t("supervision.grid"),
                    dataIndex: "gridId",
                    render: (id: string | null) => (id ? (gridName.get(id) ?? "—") : "—"),
                  },
                  {
                    title: t("supervision.responsible"),
                    dataIndex: "responsibleId",
                    render: (id: string | null) => (id ? (personName.get(id) ?? "—") : "—"),
                  },
                ]
              : []),
            {
              title: t("supervision.level"),
              dataIndex: "level",
              render: (l: Watched["level"]) => <Tag color={LEVEL_COLORS[l]}>{levels.level[l]}</Tag>,
            },
            { title: t("supervision.category"), dataIndex: "category" },
            { title: t("supervision.parties"), dataIndex: "partiesBrief", ellipsis: true },
            { title: t("supervision.reportedAt"), dataIndex: "reportedAt", render: showInstant },
            { title: t("supervision.dueAt"), dataIndex: "dueAt", render: showInstant },
            {
              title: t("supervision.timeLeft"),
              dataIndex: "hoursLeft",
              render: (h: number) => timeLeft(h, t),
            },
            { title: t("supervision.attempts"), dataIndex: "attempts", align: "right" },
          ]}
        />
      </Card>
      <Card size="small" title={t("supervision.keyPersons")}>
        <Table<DuePerson>
          rowKey="id"
          size="small"
          loading={persons.isPending}
          dataSource={persons.data?.persons ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("supervision.noKeyPersons") }}
          columns={[
            {
              title: t("supervision.light"),
              dataIndex: "light",
              render: (l: DuePerson["light"]) => <Badge status={LIGHT[l].status} text={t(LIGHT[l].text)} />,
            },
            { title: t("supervision.township"), dataIndex: "townshipName" },
            { title: t("supervision.person"), dataIndex: "alias" },
            { title: t("supervision.category"), dataIndex: "categoryName" },
            { title: t("supervision.visitPeriod"), dataIndex: "period" },
            {
              title: t("supervision.visitsDone"),
              key: "visits",
              render: (_: unknown, p: DuePerson) => `${p.visits}/${p.required}`,
            },
            { title: t("supervision.periodEnds"), dataIndex: "dueAt", render: showInstant },
          ]}
        />
      </Card>
      <Card size="small" data-testid="supervision-township-lights" title={t("supervision.townshipLights")}>
        <Table
          rowKey="townshipId"
          size="small"
          loading={townshipLights.isPending}
          dataSource={townshipLights.data ?? []}
          pagination={false}
          columns={[
            { title: t("supervision.township"), dataIndex: "name" },
            {
              title: <Badge status="error" text={t("supervision.light.red")} />,
              render: (_: unknown, r: TownshipLights) => r.counts.red,
            },
            {
              title: <Badge status="warning" text={t("supervision.light.yellow")} />,
              render: (_: unknown, r: TownshipLights) => r.counts.yellow,
            },
            {
              title: t("supervision.byKind"),
              render: (_: unknown, r: TownshipLights) => {
                const kinds = Object.entries(r.byKind);
                if (kinds.length === 0)
                  return <Typography.Text type="secondary">{t("supervision.noLights")}</Typography.Text>;
                return (
                  <Space wrap size={4}>
                    {kinds.map(([kind, c]) => (
                      <Tag key={kind} color={c && c.red > 0 ? "red" : "gold"}>
                        {t("supervision.kindCount", {
                          kind: t(`lights.kind.${kind}` as MessageKey),
                          red: c?.red ?? 0,
                          yellow: c?.yellow ?? 0,
                        })}
                      </Tag>
                    ))}
                  </Space>
                );
              },
            },
          ]}
          expandable={
            townshipId
              ? {
                  defaultExpandAllRows: true,
                  rowExpandable: (r: TownshipLights) => r.items.length > 0,
                  expandedRowRender: (r: TownshipLights) => (
                    <Space orientation="vertical" size={2}>
                      {r.items.map((i) => (
                        <Space key={`${i.kind}:${i.id}`} size={6} wrap>
                          <Badge status={LIGHT[i.light].status} text={t(LIGHT[i.light].text)} />
                          <Tag>{t(`lights.kind.${i.kind}` as MessageKey)}</Tag>
                          <span>{i.title}</span>
                          <Typography.Text type="secondary">
                            {t("lights.due", { at: showDeadline(i.dueAt) })}
                          </Typography.Text>
                        </Space>
                      ))}
                    </Space>
                  ),
                }
              : undefined
          }
        />
      </Card>
      <Card
        size="small"
        title={t("supervision.late", { period: periodLabel(month, locale) })}
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
            {t("supervision.deadline", { at: showDeadline(late.data.deadline) })}
            {late.data.deadlinePassed ? t("supervision.deadlinePassed") : ""}
          </Typography.Paragraph>
        )}
        <Table
          rowKey="townshipId"
          size="small"
          loading={late.isPending}
          dataSource={late.data?.townships ?? []}
          pagination={false}
          locale={{ emptyText: t("supervision.allSubmitted") }}
          columns={[
            { title: t("supervision.township"), dataIndex: "name" },
            { title: t("supervision.code"), dataIndex: "code" },
            {
              title: t("supervision.status"),
              dataIndex: "status",
              render: (s: string, row: { locked: boolean }) => {
                const status = submissionStatus(t, s);
                return (
                  <Space size={4}>
                    <Tag color={status.color}>{status.text}</Tag>
                    {late.data?.deadlinePassed && <Badge status="error" text={t("supervision.light.red")} />}
                    {row.locked && <Tag color="red">{t("supervision.locked")}</Tag>}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}
