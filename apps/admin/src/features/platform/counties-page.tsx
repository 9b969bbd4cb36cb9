import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Divider, Form, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { RouterInputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";

type Values = RouterInputs["counties"]["create"];

/** 县区管理: the platform operator creates a county with its first admin, who must change the password. */
export default function CountiesPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();
  const counties = useQuery(trpc.counties.list.queryOptions());
  const create = useMutation(
    trpc.counties.create.mutationOptions({
      onSuccess: (r) => {
        message.success(t("counties.created", { name: r.county.name }));
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
          {t("counties.title")}
        </Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t("counties.add")}
        </Button>
      </Space>
      <Table
        rowKey="id"
        loading={counties.isPending}
        dataSource={counties.data ?? []}
        pagination={false}
        columns={[
          { title: t("counties.name"), dataIndex: "name" },
          { title: t("counties.code"), dataIndex: "code" },
          {
            title: t("counties.publicPage"),
            dataIndex: "id",
            render: (id: string) => <Link to={`/public/${id}`}>{`/public/${id.slice(0, 8)}…`}</Link>,
          },
        ]}
      />
      <FormDrawer<Values>
        title={t("counties.add")}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t("counties.nameLabel")}
          rules={[{ required: true, message: t("counties.nameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("counties.codeLabel")}
          rules={[{ required: true, message: t("counties.codeRequired") }]}
        >
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Divider titlePlacement="start">{t("counties.admin")}</Divider>
        <Form.Item
          name={["admin", "name"]}
          label={t("counties.adminName")}
          rules={[{ required: true, message: t("counties.adminNameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name={["admin", "phone"]}
          label={t("counties.adminPhone")}
          rules={[{ required: true, message: t("counties.adminPhoneRequired") }]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name={["admin", "password"]}
          label={t("counties.adminPassword")}
          rules={[{ required: true, message: t("counties.adminPasswordRequired") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}
