import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Skeleton, Table, Tag } from "antd";
import { useEffect } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { useTownshipId } from "../../shared/use-township-id";

type Values = { name: string; code: string; villages: number; grids: number };
type RequestValues = { from: string; population: number; reason: string };

const STATUS_WORD = {
  pending: "profile.requestPending",
  approved: "profile.requestApproved",
  rejected: "profile.requestRejected",
} as const;
const STATUS_COLOR = { pending: "orange", approved: "green", rejected: "red" } as const;

/**
 * 乡镇信息: the township admin keeps name, code, villages and grids current. The population sets the
 * incident rate, so it is not edited here: the page shows the value in force and a 「申请变更户籍人口」 form
 * (month, value, reason) whose requests the county approves (issue 16).
 */
export default function ProfilePage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const townshipId = useTownshipId();
  const [form] = Form.useForm<Values>();
  const [requestForm] = Form.useForm<RequestValues>();
  const township = useQuery(trpc.onboarding.township.queryOptions({ townshipId }));
  const population = useQuery(trpc.onboarding.population.queryOptions({ townshipId }));
  const propose = useMutation(
    trpc.onboarding.proposePopulation.mutationOptions({
      onSuccess: () => {
        message.success(t("profile.populationSent"));
        requestForm.resetFields();
        void qc.invalidateQueries(trpc.onboarding.population.pathFilter());
        void qc.invalidateQueries(trpc.onboarding.township.pathFilter());
      },
      onError: (e) => applyFieldErrors(requestForm, e),
    }),
  );
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
        <Descriptions.Item label={t("profile.populationInForce")}>
          <span data-testid="population-in-force">
            {population.data?.inForce ?? township.data.population}
          </span>
        </Descriptions.Item>
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
      <Card type="inner" title={t("profile.populationRequest")} style={{ marginTop: 24 }}>
        <p>{t("profile.populationReviewed")}</p>
        <Form<RequestValues>
          name="populationRequest"
          form={requestForm}
          layout="vertical"
          onFinish={(v) =>
            population.data && propose.mutate({ townshipId, ...v, expectedVersion: population.data.version })
          }
        >
          <Form.Item name="from" label={t("profile.populationFrom")} rules={[{ required: true }]}>
            <Input placeholder="2026-11" maxLength={7} />
          </Form.Item>
          <Form.Item name="population" label={t("profile.populationValue")} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="reason" label={t("profile.populationReason")} rules={[{ required: true }]}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={propose.isPending}>
            {t("profile.populationSubmit")}
          </Button>
        </Form>
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="id"
          pagination={false}
          title={() => t("profile.populationRequests")}
          dataSource={population.data?.requests ?? []}
          columns={[
            { title: t("profile.populationFrom"), dataIndex: "from" },
            { title: t("profile.populationValue"), dataIndex: "population" },
            { title: t("profile.populationReason"), dataIndex: "reason" },
            {
              title: t("profile.status"),
              dataIndex: "status",
              render: (status: keyof typeof STATUS_WORD, r: { decisionReason?: string }) => (
                <Tag color={STATUS_COLOR[status]} title={r.decisionReason}>
                  {t(STATUS_WORD[status])}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </Card>
  );
}
