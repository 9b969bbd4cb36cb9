import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Divider, Form, Input, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { RouterInputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";
import { showDate } from "../../shared/instant";
import { OffboardDialog, type OffboardTarget } from "./offboard-dialog";

type Values = RouterInputs["counties"]["create"];
type County = OffboardTarget & { code: string; offboardedAt: string | null };

/** 县区管理: the platform operator creates a county with its first admin, who must change the password. */
export default function CountiesPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [offboarding, setOffboarding] = useState<{ county: County; step: "offboard" | "purge" } | null>(null);
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
      <Table<County>
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
          {
            title: t("counties.status"),
            dataIndex: "offboardedAt",
            render: (_: unknown, c: County) =>
              c.offboardedAt ? (
                <Tag color="orange">{t("counties.readOnly", { until: showDate(c.purgeAfter) })}</Tag>
              ) : (
                <Tag color="green">{t("counties.active")}</Tag>
              ),
          },
          {
            title: t("counties.actions"),
            key: "actions",
            render: (_: unknown, c: County) => {
              if (!c.offboardedAt)
                return (
                  <Button size="small" danger onClick={() => setOffboarding({ county: c, step: "offboard" })}>
                    {t("counties.offboard")}
                  </Button>
                );
              // Deletion only once the stated retention has passed (the API refuses it before, too).
              const due = c.purgeAfter !== null && Date.now() >= Date.parse(c.purgeAfter);
              const button = (
                <Button
                  size="small"
                  danger
                  disabled={!due}
                  onClick={() => setOffboarding({ county: c, step: "purge" })}
                >
                  {t("counties.purge")}
                </Button>
              );
              return due ? (
                button
              ) : (
                <Tooltip title={t("counties.purgeNotYet", { until: showDate(c.purgeAfter) })}>
                  <span>{button}</span>
                </Tooltip>
              );
            },
          },
        ]}
      />
      {offboarding && (
        <OffboardDialog
          county={offboarding.county}
          step={offboarding.step}
          onClose={() => setOffboarding(null)}
        />
      )}
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
