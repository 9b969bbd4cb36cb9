import { BellOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, List, Popover, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useTRPC } from "../api/trpc";
import { useI18n } from "../i18n/i18n-provider";
import { showInstant } from "./instant";

/** Checked again this often while the app is open (and whenever the window regains focus). */
const REFRESH_MS = 60_000;

/** The header's bell: the unread count, the latest notifications, and a link to what each is about. */
export function NotificationBell({ enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const mine = useQuery({ ...trpc.notifications.mine.queryOptions(), enabled, refetchInterval: REFRESH_MS });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: (data) => qc.setQueryData(trpc.notifications.mine.queryKey(), data),
    }),
  );
  const prefs = useQuery({ ...trpc.notifications.preferences.queryOptions(), enabled: enabled && open });
  const setSms = useMutation(
    trpc.notifications.setSms.mutationOptions({
      onSuccess: (data) => qc.setQueryData(trpc.notifications.preferences.queryKey(), data),
    }),
  );
  if (!enabled) return null;
  const unread = mine.data?.unread ?? 0;
  const content = (
    <div style={{ width: 320, maxHeight: 420, overflowY: "auto" }} data-testid="notification-list">
      <Space size={6} style={{ padding: "4px 0 8px" }}>
        <Switch
          size="small"
          checked={prefs.data?.sms ?? false}
          loading={prefs.isPending || setSms.isPending}
          onChange={(sms) => setSms.mutate({ sms })}
          aria-label={t("notifications.sms")}
        />
        <Typography.Text type="secondary">{t("notifications.sms")}</Typography.Text>
      </Space>
      <List
        size="small"
        dataSource={mine.data?.items ?? []}
        locale={{ emptyText: t("notifications.empty") }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: "pointer", background: n.read ? undefined : "#e6f4ff" }}
            onClick={() => {
              if (!n.read) markRead.mutate({ ids: [n.id] });
              setOpen(false);
              navigate(n.link);
            }}
          >
            <List.Item.Meta
              title={<Typography.Text strong={!n.read}>{n.text}</Typography.Text>}
              description={showInstant(n.createdAt)}
            />
          </List.Item>
        )}
      />
    </div>
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <span>{t("notifications.title")}</span>
          <Button size="small" type="link" disabled={unread === 0} onClick={() => markRead.mutate({})}>
            {t("notifications.markAllRead")}
          </Button>
        </div>
      }
      content={content}
    >
      <Badge count={unread} size="small" data-testid="notification-count">
        <Button size="small" type="text" icon={<BellOutlined />} aria-label={t("notifications.title")} />
      </Badge>
    </Popover>
  );
}
