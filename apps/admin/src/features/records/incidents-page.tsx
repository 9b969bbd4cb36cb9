import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Form, Input, List, Radio, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { FormDrawer } from "./form-drawer";
import { nowInstant, showInstant } from "./instant";
import { InstantPicker } from "./instant-picker";
import { INCIDENT_KIND_LABELS, options, SEVERITY_LABELS } from "./record-labels";
import { RecordPageShell } from "./record-page-shell";
import { useTownshipId } from "./use-township-id";

type Incident = RouterOutputs["incidents"]["list"]["items"][number];
type CreateValues = {
  occurredAt: string;
  kind: Incident["kind"];
  severity: Incident["severity"];
  summary: string;
};

/** 案件: criminal and public-order cases; major criminal cases are a veto event. */
export default function IncidentsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const [kind, setKind] = useState<Incident["kind"] | undefined>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const list = useInfiniteQuery(
    trpc.incidents.list.infiniteQueryOptions(
      { townshipId, kind, limit: 20 },
      { getNextPageParam: (p) => p.cursor ?? undefined },
    ),
  );
  const create = useMutation(
    trpc.incidents.create.mutationOptions({
      onSuccess: () => {
        setAdding(false);
        void qc.invalidateQueries(trpc.incidents.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <RecordPageShell<Incident>
      title="案件"
      addLabel="登记案件"
      onAdd={() => setAdding(true)}
      filters={
        <Select
          allowClear
          placeholder="案件类别"
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={options(INCIDENT_KIND_LABELS)}
        />
      }
      items={items}
      loading={list.isPending}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onMore={() => void list.fetchNextPage()}
      rowKey={(i) => i.id}
      renderItem={(i) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <Tag>{INCIDENT_KIND_LABELS[i.kind]}</Tag>
                {i.severity === "major" && <Tag color="red">重大</Tag>}
                <span>{i.summary}</span>
              </Space>
            }
            description={<Typography.Text type="secondary">发案 {showInstant(i.occurredAt)}</Typography.Text>}
          />
        </List.Item>
      )}
    >
      <FormDrawer<CreateValues>
        title="登记案件"
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        initialValues={{ occurredAt: nowInstant(), kind: "public_order", severity: "ordinary" }}
        onFinish={(v) => create.mutate({ townshipId, requestId: crypto.randomUUID(), ...v })}
      >
        <Form.Item name="kind" label="案件类别">
          <Radio.Group optionType="button" options={options(INCIDENT_KIND_LABELS)} />
        </Form.Item>
        <Form.Item name="severity" label="严重程度" extra="重大刑事案件按细则实行一票否决">
          <Radio.Group optionType="button" options={options(SEVERITY_LABELS)} />
        </Form.Item>
        <Form.Item name="summary" label="简要案情" rules={[{ required: true, message: "请填写简要案情" }]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="occurredAt" label="发案时间" rules={[{ required: true, message: "请选择发案时间" }]}>
          <InstantPicker />
        </Form.Item>
      </FormDrawer>
    </RecordPageShell>
  );
}
