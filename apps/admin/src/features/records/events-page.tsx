import { eventLabel } from "@pingan/domain";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Form, Input, InputNumber, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { EVENT_OPTIONS } from "../../shared/event-options";
import { FormDrawer } from "../../shared/form-drawer";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { useTownshipId } from "../../shared/use-township-id";
import { RecordPageShell } from "./record-page-shell";

type EventItem = RouterOutputs["events"]["list"]["items"][number];
type CreateValues = { kind: string; occurredAt: string; count: number; note?: string };

/** Derived by the engine from other records, so not entered by hand. */
const DERIVED = new Set([
  "dispute_overdue",
  "skip_level_petition",
  "collective_petition",
  "major_criminal_case",
]);
const KIND_OPTIONS = EVENT_OPTIONS.filter((o) => !DERIVED.has(o.value));

/** 工作事项: routine work done, commendations and bad events, as the scheme counts them. */
export default function EventsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const [kind, setKind] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const list = useInfiniteQuery(
    trpc.events.list.infiniteQueryOptions(
      { townshipId, kind, limit: 20 },
      { getNextPageParam: (p) => p.cursor ?? undefined },
    ),
  );
  const create = useMutation(
    trpc.events.create.mutationOptions({
      onSuccess: () => {
        setAdding(false);
        void qc.invalidateQueries(trpc.events.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <RecordPageShell<EventItem>
      title={t("events.title")}
      addLabel={t("events.add")}
      onAdd={() => setAdding(true)}
      filters={
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("events.kind")}
          style={{ width: 220 }}
          value={kind}
          onChange={setKind}
          options={KIND_OPTIONS}
        />
      }
      items={items}
      loading={list.isPending}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onMore={() => void list.fetchNextPage()}
      rowKey={(e) => e.id}
      renderItem={(e) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <Tag color="geekblue">{eventLabel(e.kind)}</Tag>
                {(e.count ?? 1) > 1 && <span>× {e.count}</span>}
              </Space>
            }
            description={
              <>
                {e.note && <div>{e.note}</div>}
                <Typography.Text type="secondary">{showInstant(e.occurredAt)}</Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    >
      <FormDrawer<CreateValues>
        title={t("events.addTitle")}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        initialValues={{ occurredAt: nowInstant(), count: 1 }}
        onFinish={(v) => create.mutate({ townshipId, requestId: crypto.randomUUID(), ...v })}
      >
        <Form.Item
          name="kind"
          label={t("events.kind")}
          rules={[{ required: true, message: t("events.kindRequired") }]}
        >
          <Select showSearch={{ optionFilterProp: "label" }} options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="count" label={t("events.count")}>
          <InputNumber min={1} max={10000} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="occurredAt"
          label={t("events.occurredAt")}
          rules={[{ required: true, message: t("events.occurredAtRequired") }]}
        >
          <InstantPicker />
        </Form.Item>
        <Form.Item name="note" label={t("events.note")}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormDrawer>
    </RecordPageShell>
  );
}
