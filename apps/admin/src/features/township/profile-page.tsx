import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Skeleton, Tag } from "antd";
import { useEffect } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { useTownshipId } from "../../shared/use-township-id";

type Values = { name: string; code: string; population: number; villages: number; grids: number };

/** 乡镇信息: the township admin keeps population, villages and grids current (population sets the incident rate). */
export default function ProfilePage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const townshipId = useTownshipId();
  const [form] = Form.useForm<Values>();
  const township = useQuery(trpc.onboarding.township.queryOptions({ townshipId }));
  useEffect(() => {
    if (township.data) form.setFieldsValue(township.data);
  }, [township.data, form]);
  const save = useMutation(
    trpc.onboarding.updateTownshipProfile.mutationOptions({
      onSuccess: () => {
        message.success(t("profile.saved"));
        void qc.invalidateQueries(trpc.onboarding.township.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  if (!township.data) return <Skeleton active />;
  return (
    <Card title={t("profile.title")} style={{ maxWidth: 640 }}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("profile.status")}>
          <Tag color={township.data.status === "active" ? "green" : "orange"}>
            {township.data.status === "active" ? t("profile.active") : township.data.status}
          </Tag>
        </Descriptions.Item>
      </Descriptions>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          township.data && save.mutate({ townshipId, ...v, expectedVersion: township.data.version })
        }
      >
        <Form.Item name="name" label={t("profile.name")} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="code" label={t("profile.code")} rules={[{ required: true }]}>
          <Input maxLength={9} />
        </Form.Item>
        <Form.Item
          name="population"
          label={t("profile.population")}
          extra={t("profile.populationHint")}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="villages" label={t("profile.villages")} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="grids" label={t("profile.grids")} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
