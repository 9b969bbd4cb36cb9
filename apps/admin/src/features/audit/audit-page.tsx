import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Space, Table, Tag, Typography } from "antd";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { showInstant } from "../records/instant";
import { actionLabel, changedFields, ENTITY_LABELS } from "./audit-labels";

type Entry = RouterOutputs["audit"]["county"]["items"][number];

const ROLE_LABELS: Record<string, string> = {
  platform_admin: "平台管理员",
  county_admin: "县级管理员",
  county_reviewer: "县级审核员",
  township_admin: "乡镇管理员",
  township_staff: "乡镇工作人员",
  system: "系统",
};

function show(v: unknown): string {
  if (v === undefined || v === null) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** 操作日志: who changed what in the county, when, before and after, newest first. */
export default function AuditPage() {
  const trpc = useTRPC();
  const trail = useInfiniteQuery(
    trpc.audit.county.infiniteQueryOptions({ limit: 30 }, { getNextPageParam: (p) => p.cursor ?? undefined }),
  );
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        操作日志
      </Typography.Title>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={trail.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: "max-content" }}
        expandable={{
          rowExpandable: (e) => changedFields(e.before, e.after).length > 0,
          expandedRowRender: (e) => (
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={changedFields(e.before, e.after)}
              columns={[
                { title: "字段", dataIndex: "field" },
                {
                  title: "修改前",
                  dataIndex: "before",
                  render: (v: unknown) => <Typography.Text delete>{show(v)}</Typography.Text>,
                },
                { title: "修改后", dataIndex: "after", render: (v: unknown) => show(v) },
              ]}
            />
          ),
        }}
        columns={[
          { title: "时间", dataIndex: "at", render: showInstant },
          {
            title: "操作人",
            dataIndex: "actorRole",
            render: (r: string, e) => `${ROLE_LABELS[r] ?? r}（${e.actorId.slice(0, 8)}）`,
          },
          { title: "操作", dataIndex: "action", render: (a: string) => <Tag>{actionLabel(a)}</Tag> },
          {
            title: "对象",
            dataIndex: "entityType",
            render: (t: string, e) => `${ENTITY_LABELS[t] ?? t} ${e.entityId.slice(0, 8)}`,
          },
          { title: "理由", dataIndex: "reason", render: (r: string | null) => r ?? "—" },
        ]}
      />
      {trail.hasNextPage && (
        <Button onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
          加载更多
        </Button>
      )}
    </Space>
  );
}
