import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Form, Input, List, Radio, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { options, recordLabels } from "../../shared/record-labels";
import { useTownshipId } from "../../shared/use-township-id";
import { RecordPageShell } from "./record-page-shell";

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
  const { t } = useI18n();
  const labels = recordLabels(t);
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
      title={t("incidents.title")}
      addLabel={t("incidents.add")}
      onAdd={() => setAdding(true)}
      filters={
        <Select
          allowClear
          placeholder={t("incidents.kind")}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={options(labels.incidentKind)}
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
                <Tag>{labels.incidentKind[i.kind]}</Tag>
                {i.severity === "major" && <Tag color="red">{labels.severity.major}</Tag>}
                <span>{i.summary}</span>
              </Space>
            }
            description={
              <Typography.Text type="secondary">
                {t("incidents.occurred", { at: showInstant(i.occurredAt) })}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    >
      <FormDrawer<CreateValues>
        title={t("incidents.add")}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        initialValues={{ occurredAt: nowInstant(), kind: "public_order", severity: "ordinary" }}
        onFinish={(v) => create.mutate({ townshipId, requestId: crypto.randomUUID(), ...v })}
      >
        <Form.Item name="kind" label={t("incidents.kind")}>
          <Radio.Group optionType="button" options={options(labels.incidentKind)} />
        </Form.Item>
        <Form.Item name="severity" label={t("incidents.severity")} extra={t("incidents.vetoHint")}>
          <Radio.Group optionType="button" options={options(labels.severity)} />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t("incidents.summary")}
          rules={[{ required: true, message: t("incidents.summaryRequired") }]}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item
          name="occurredAt"
          label={t("incidents.occurredAt")}
          rules={[{ required: true, message: t("incidents.occurredAtRequired") }]}
        >
          <InstantPicker />
        </Form.Item>
      </FormDrawer>
    </RecordPageShell>
  );
}
