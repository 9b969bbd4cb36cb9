import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Skeleton, Tag } from "antd";
import { useEffect } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useTownshipId } from "../records/use-township-id";

type Values = { name: string; code: string; population: number; villages: number; grids: number };

/** 乡镇信息: the township admin keeps population, villages and grids current (population sets the incident rate). */
export default function ProfilePage() {
  const trpc = useTRPC();
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
        message.success("乡镇信息已保存");
        void qc.invalidateQueries(trpc.onboarding.township.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  if (!township.data) return <Skeleton active />;
  return (
    <Card title="乡镇信息" style={{ maxWidth: 640 }}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="状态">
          <Tag color={township.data.status === "active" ? "green" : "orange"}>
            {township.data.status === "active" ? "已启用" : township.data.status}
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
        <Form.Item name="name" label="乡镇名称" rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="code" label="乡镇区划代码" rules={[{ required: true }]}>
          <Input maxLength={9} />
        </Form.Item>
        <Form.Item name="population" label="常住人口" extra="用于计算万人发案率" rules={[{ required: true }]}>
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="villages" label="村（社区）数" rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="grids" label="网格数" rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
