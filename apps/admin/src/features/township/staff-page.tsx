import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";
import { useTownshipId } from "../../shared/use-township-id";

type Member = RouterOutputs["staff"]["list"][number];
type InviteValues = { name: string; phone: string; email?: string; initialPassword: string };

/** 人员管理: the township admin invites grid workers and mediators, and removes those who leave. */
/** People at work first (the admin before staff), removed people last, each group by name. */
export function sortMembers<M extends Pick<Member, "name" | "role" | "status">>(members: readonly M[]): M[] {
  const rank = (m: M) => (m.status === "active" ? 0 : 2) + (m.role === "township_admin" ? 0 : 1);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "zh-CN"));
}

export default function StaffPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const townshipId = useTownshipId();
  const [inviting, setInviting] = useState(false);
  const [form] = Form.useForm<InviteValues>();
  const staff = useQuery(trpc.staff.list.queryOptions({ townshipId }));
  const refresh = () => void qc.invalidateQueries(trpc.staff.pathFilter());
  const invite = useMutation(
    trpc.staff.invite.mutationOptions({
      onSuccess: (r) => {
        setInviting(false);
        message.success(t("staff.added", { name: r.name }));
        refresh();
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const remove = useMutation(trpc.staff.remove.mutationOptions({ onSuccess: refresh }));
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("staff.title")}
        </Typography.Title>
        <Button type="primary" onClick={() => setInviting(true)}>
          {t("staff.add")}
        </Button>
      </Space>
      <Table<Member>
        rowKey="userId"
        loading={staff.isPending}
        dataSource={sortMembers(staff.data ?? [])}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("staff.name"), dataIndex: "name" },
          { title: t("staff.phoneColumn"), dataIndex: "phone" },
          {
            title: t("staff.role"),
            dataIndex: "role",
            render: (r: string) =>
              r === "township_admin" ? t("staff.role.township_admin") : t("staff.role.township_staff"),
          },
          {
            title: t("staff.status"),
            dataIndex: "status",
            render: (s: string) => (
              <Tag color={s === "active" ? "green" : "default"}>
                {s === "active" ? t("staff.active") : t("staff.removed")}
              </Tag>
            ),
          },
          {
            title: t("common.actions"),
            render: (_: unknown, m) =>
              m.role === "township_staff" && m.status === "active" ? (
                <Popconfirm
                  title={t("staff.confirmRemove", { name: m.name })}
                  onConfirm={() => remove.mutate({ townshipId, userId: m.userId })}
                >
                  <Button size="small" danger>
                    {t("staff.remove")}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <FormDrawer<InviteValues>
        title={t("staff.add")}
        open={inviting}
        onClose={() => setInviting(false)}
        form={form}
        submitting={invite.isPending}
        onFinish={(v) => invite.mutate({ townshipId, ...v })}
      >
        <Form.Item
          name="name"
          label={t("staff.name")}
          rules={[{ required: true, message: t("staff.nameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("staff.phone")}
          rules={[{ required: true, message: t("staff.phoneRequired") }]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t("staff.email")}>
          <Input />
        </Form.Item>
        <Form.Item
          name="initialPassword"
          label={t("staff.initialPassword")}
          rules={[{ required: true, message: t("staff.initialPasswordRequired") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}
