import { useQuery } from "@tanstack/react-query";
import { DatePicker, Drawer, Grid, Space, Spin, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../../shared/instant";
import { periodLabel } from "../../shared/period-label";
import { submissionStatus } from "../../shared/submission-status";
import { useCountyScheme } from "../../shared/use-county-scheme";
import { useDueMonth } from "../../shared/use-cycle";
import { type QueueRow, ReviewDrawer } from "./review-drawer";

/** 审核队列: every township's month, submitted ones first, opened for review one by one. */
export default function ReviewPage() {
  const [search, setSearch] = useSearchParams();
  const asked = search.get("month");
  // By default the month townships are submitting now (the server's rule), so both sides see the same month.
  const { dueMonth } = useDueMonth();
  const month = asked && /^\d{4}-\d{2}$/.test(asked) ? asked : dueMonth;
  if (!month) return <Spin />;
  return <ReviewQueue month={month} setMonth={(m) => setSearch({ month: m }, { replace: true })} />;
}

function ReviewQueue({ month, setMonth }: { month: string; setMonth: (m: string) => void }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const [openId, setOpenId] = useState<string | null>(null);
  const queue = useQuery(trpc.submissions.list.queryOptions({ month }));
  // Flags are computed apart from the queue (a few index reads per township), so the queue shows at once.
  const flags = useQuery(trpc.reviewFlags.queue.queryOptions({ month }));
  const flagsOf = new Map((flags.data ?? []).map((f) => [f.townshipId, f]));
  const scheme = useCountyScheme(Number(month.slice(0, 4)));
  const order = { submitted: 0, returned: 1, draft: 2, approved: 3 } as Record<string, number>;
  const rows = [...(queue.data ?? [])].sort(
    (a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9) || a.code.localeCompare(b.code),
  );
  const open = rows.find((r) => r.townshipId === openId) ?? null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("review.title")}
        </Typography.Title>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          aria-label={t("review.month")}
        />
      </Space>
      <Table<QueueRow>
        rowKey="townshipId"
        loading={queue.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        onRow={(r) => ({ onClick: () => setOpenId(r.townshipId), style: { cursor: "pointer" } })}
        columns={[
          {
            title: t("review.township"),
            dataIndex: "name",
            render: (n: string) => <Typography.Link>{n}</Typography.Link>,
          },
          {
            title: t("review.status"),
            dataIndex: "status",
            render: (s: string, r) => {
              const status = submissionStatus(t, s);
              return (
                <Space size={4}>
                  <Tag color={status.color}>{status.text}</Tag>
                  {r.locked && r.status === "draft" && <Tag color="red">{t("review.lockedOverdue")}</Tag>}
                  {r.noRecords && (
                    <Tag color="orange" data-testid="no-records">
                      {t("review.noRecords")}
                    </Tag>
                  )}
                </Space>
              );
            },
          },
          {
            title: t("review.submittedAt"),
            dataIndex: "submittedAt",
            render: (v: string | null) => showInstant(v),
          },
          {
            title: t("flags.queueColumn"),
            key: "flags",
            align: "right",
            render: (_: unknown, r) => {
              const f = flagsOf.get(r.townshipId);
              if (!f || f.flags === 0) return "—";
              return (
                <Space size={4} data-testid="flag-count">
                  <Tag color="volcano">{f.flags}</Tag>
                  {f.open > 0 && (
                    <Typography.Text type="secondary">{t("flags.queueOpen", { n: f.open })}</Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: t("review.pendingEntries"),
            dataIndex: "pendingEntries",
            align: "right",
            render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : "—"),
          },
        ]}
      />
      <Drawer
        title={open ? t("review.drawerTitle", { name: open.name, period: periodLabel(month, locale) }) : ""}
        open={open !== null}
        onClose={() => setOpenId(null)}
        size={screens.md ? 820 : "100%"}
        destroyOnHidden
      >
        {open && <ReviewDrawer row={open} scheme={scheme} />}
      </Drawer>
    </Space>
  );
}
