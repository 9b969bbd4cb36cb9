import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Space, Table, Tag, Typography } from "antd";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../../shared/instant";
import { actionLabel, changedFields, entityLabel, roleLabel } from "./audit-labels";

type Entry = RouterOutputs["audit"]["county"]["items"][number];

function show(v: unknown): string {
  if (v === undefined || v === null) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** 操作日志: who changed what in the county, when, before and after, newest first. */
export default function AuditPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const trail = useInfiniteQuery(
    trpc.audit.county.infiniteQueryOptions({ limit: 30 }, { getNextPageParam: (p) => p.cursor ?? undefined }),
  );
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("audit.title")}
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
                { title: t("audit.field"), dataIndex: "field" },
                {
                  title: t("audit.before"),
                  dataIndex: "before",
                  render: (v: unknown) => <Typography.Text delete>{show(v)}</Typography.Text>,
                },
                { title: t("audit.after"), dataIndex: "after", render: (v: unknown) => show(v) },
              ]}
            />
          ),
        }}
        columns={[
          { title: t("audit.at"), dataIndex: "at", render: showInstant },
          {
            title: t("audit.actor"),
            dataIndex: "actorRole",
            // By name (with the role), as people know each other; an id only for what has no name.
            render: (r: string, e) =>
              t("audit.actorWho", { role: roleLabel(t, r), id: e.actorName ?? e.actorId.slice(0, 8) }),
          },
          {
            title: t("audit.action"),
            dataIndex: "action",
            render: (a: string) => <Tag>{actionLabel(t, a)}</Tag>,
          },
          {
            title: t("audit.entity"),
            dataIndex: "entityType",
            render: (type: string, e) => `${entityLabel(t, type)} ${e.entityName ?? e.entityId.slice(0, 8)}`,
          },
          { title: t("audit.reason"), dataIndex: "reason", render: (r: string | null) => r ?? "—" },
        ]}
      />
      {trail.hasNextPage && (
        <Button onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
          {t("audit.loadMore")}
        </Button>
      )}
    </Space>
  );
}
