import { useQuery } from "@tanstack/react-query";
import { Card, DatePicker, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";

type Breakdown = RouterOutputs["organisation"]["breakdown"];

/** The current month in CST, as YYYY-MM. */
export function thisMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/**
 * 网格责任统计: a township-month broken down by village, grid, 责任人 and 包案领导 (issue 14), for the
 * township admin and, read-only, the county.
 */
export function OrgBreakdown({ townshipId }: { townshipId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [month, setMonth] = useState(thisMonth);
  const data = useQuery(trpc.organisation.breakdown.queryOptions({ townshipId, month }));
  const b = data.data;
  const name = (n: string | null) => n ?? t("org.notFiled");
  const counts = [
    { title: t("org.openDisputes"), dataIndex: "openDisputes" },
    {
      title: t("org.overdueDisputes"),
      dataIndex: "overdueDisputes",
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
    },
    { title: t("org.unvisited"), dataIndex: "unvisitedKeyPersons" },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="org-breakdown">
      <DatePicker
        picker="month"
        allowClear={false}
        aria-label={t("org.month")}
        value={dayjs(`${month}-01`)}
        onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
      />
      <Card size="small" title={t("org.byGrid")}>
        <Table<Breakdown["byGrid"][number]>
          data-testid="breakdown-by-grid"
          size="small"
          rowKey={(r) => r.gridId ?? "-"}
          loading={data.isPending}
          dataSource={b?.byGrid ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("org.grids"), render: (_, r) => name(r.name) },
            { title: t("org.gridVillage"), render: (_, r) => r.villageName ?? "" },
            { title: t("org.worker"), render: (_, r) => r.workerName ?? "" },
            ...counts,
          ]}
        />
      </Card>
      <Card size="small" title={t("org.byResponsible")}>
        <Table<Breakdown["byResponsible"][number]>
          data-testid="breakdown-by-responsible"
          size="small"
          rowKey={(r) => r.userId ?? "-"}
          dataSource={b?.byResponsible ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[{ title: t("org.responsible"), render: (_, r) => name(r.name) }, ...counts]}
        />
      </Card>
      <Card size="small" title={t("org.byVillage")}>
        <Table<Breakdown["byVillage"][number]>
          size="small"
          rowKey={(r) => r.villageId ?? "-"}
          dataSource={b?.byVillage ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[{ title: t("org.villages"), render: (_, r) => name(r.name) }, ...counts]}
        />
      </Card>
      <Card size="small" title={t("org.byCaseLeader")}>
        <Table<Breakdown["byCaseLeader"][number]>
          size="small"
          rowKey={(r) => r.userId ?? "-"}
          dataSource={b?.byCaseLeader ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("org.caseLeader"), render: (_, r) => name(r.name) },
            { title: t("org.openRed"), dataIndex: "openRedDisputes" },
            { title: t("org.openPetitions"), dataIndex: "openPetitions" },
          ]}
        />
      </Card>
      <Card size="small" title={t("org.shortfalls", { n: b?.threeThreeShortfalls.count ?? 0 })}>
        <Table<Breakdown["threeThreeShortfalls"]["records"][number]>
          data-testid="breakdown-shortfalls"
          size="small"
          rowKey={(r) => `${r.disputeId}-${r.step}-${r.at}`}
          dataSource={b?.threeThreeShortfalls.records ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("org.shortfallDispute"), dataIndex: "category" },
            { title: t("org.shortfallStep"), render: (_, r) => t(`org.shortfallStep.${r.step}`) },
            {
              title: t("org.shortfallAttempts"),
              render: (_, r) => `${r.attempts} / ${r.minAttempts}`,
            },
            { title: t("org.responsible"), render: (_, r) => name(r.responsibleName) },
            { title: t("org.shortfallReason"), dataIndex: "reason" },
          ]}
        />
      </Card>
    </Space>
  );
}
