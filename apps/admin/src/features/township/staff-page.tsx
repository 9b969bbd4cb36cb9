import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { FormDrawer } from "../records/form-drawer";
import { useTownshipId } from "../records/use-township-id";

type Member = RouterOutputs["staff"]["list"][number];
type InviteValues = { name: string; phone: string; email?: string; initialPassword: string };

/** 人员管理: the township admin invites grid workers and mediators, and removes those who leave. */
export default function StaffPage() {
  const trpc = useTRPC();
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
        message.success(`已添加 ${r.name}，请将手机号和初始密码告知本人，首次登录须修改密码`);
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
          人员管理
        </Typography.Title>
        <Button type="primary" onClick={() => setInviting(true)}>
          添加工作人员
        </Button>
      </Space>
      <Table<Member>
        rowKey="userId"
        loading={staff.isPending}
        dataSource={staff.data ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: "姓名", dataIndex: "name" },
          { title: "手机号", dataIndex: "phone" },
          {
            title: "角色",
            dataIndex: "role",
            render: (r: string) => (r === "township_admin" ? "乡镇管理员" : "乡镇工作人员"),
          },
          {
            title: "状态",
            dataIndex: "status",
            render: (s: string) => (
              <Tag color={s === "active" ? "green" : "default"}>{s === "active" ? "在岗" : "已移除"}</Tag>
            ),
          },
          {
            title: "操作",
            render: (_: unknown, m) =>
              m.role === "township_staff" && m.status === "active" ? (
                <Popconfirm
                  title={`移除 ${m.name}？其登录将立即失效`}
                  onConfirm={() => remove.mutate({ townshipId, userId: m.userId })}
                >
                  <Button size="small" danger>
                    移除
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <FormDrawer<InviteValues>
        title="添加工作人员"
        open={inviting}
        onClose={() => setInviting(false)}
        form={form}
        submitting={invite.isPending}
        onFinish={(v) => invite.mutate({ townshipId, ...v })}
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: "请填写姓名" }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号（登录账号）"
          rules={[{ required: true, message: "请填写手机号" }]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱">
          <Input />
        </Form.Item>
        <Form.Item
          name="initialPassword"
          label="初始密码"
          rules={[{ required: true, message: "请设置初始密码" }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}
