import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Divider, Form, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { RouterInputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { FormDrawer } from "../records/form-drawer";

type Values = RouterInputs["counties"]["create"];

/** 县区管理: the platform operator creates a county with its first admin, who must change the password. */
export default function CountiesPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();
  const counties = useQuery(trpc.counties.list.queryOptions());
  const create = useMutation(
    trpc.counties.create.mutationOptions({
      onSuccess: (r) => {
        message.success(`已创建${r.county.name}，请将管理员手机号和初始密码告知县委政法委`);
        setAdding(false);
        void qc.invalidateQueries(trpc.counties.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          县区管理
        </Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          新建县区
        </Button>
      </Space>
      <Table
        rowKey="id"
        loading={counties.isPending}
        dataSource={counties.data ?? []}
        pagination={false}
        columns={[
          { title: "县（区）", dataIndex: "name" },
          { title: "区划代码", dataIndex: "code" },
          {
            title: "公开排名页",
            dataIndex: "id",
            render: (id: string) => <Link to={`/public/${id}`}>{`/public/${id.slice(0, 8)}…`}</Link>,
          },
        ]}
      />
      <FormDrawer<Values>
        title="新建县区"
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="name" label="县（区）名称" rules={[{ required: true, message: "请填写名称" }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="code"
          label="县级区划代码（6 位）"
          rules={[{ required: true, message: "请填写区划代码" }]}
        >
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Divider titlePlacement="start">县级管理员</Divider>
        <Form.Item name={["admin", "name"]} label="姓名" rules={[{ required: true, message: "请填写姓名" }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name={["admin", "phone"]}
          label="手机号"
          rules={[{ required: true, message: "请填写手机号" }]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name={["admin", "password"]}
          label="初始密码"
          rules={[{ required: true, message: "请设置初始密码" }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}
