import { createEventInput } from "@pingan/contracts";
import { eventLabel } from "@pingan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { EVENT_OPTIONS } from "../../shared/event-options";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields } from "./contract-rule";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
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
  const _qc = useQueryClient();
  const townshipId = useTownshipId();
  const { field } = contractFields(createEventInput);
  const [kind, setKind] = useState<string | undefined>();
  const list = useRecordList(
    trpc.events.list.infiniteQueryOptions({ townshipId, kind, limit: PAGE_SIZE }, NEXT_PAGE),
  );
  const adding = useCreateRecord(
    trpc.events.create.mutationOptions,
    trpc.events.pathFilter(),
    (v: CreateValues) => newRecord(townshipId, v),
  );
  const addFields = (
    <>
      <Form.Item {...field("kind", t("events.kind"), t("events.kindRequired"))}>
        <Select showSearch={{ optionFilterProp: "label" }} options={KIND_OPTIONS} />
      </Form.Item>
      <Form.Item {...field("count", t("events.count"))}>
        <InputNumber min={1} max={10000} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item {...field("occurredAt", t("events.occurredAt"), t("events.occurredAtRequired"))}>
        <InstantPicker />
      </Form.Item>
      <Form.Item {...field("note", t("events.note"))}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </>
  );

  return (
    <RecordPageShell<EventItem, CreateValues>
      title={t("events.title")}
      exportTypes={["event"]}
      addLabel={t("events.add")}
      add={{
        form: adding,
        title: t("events.addTitle"),
        initialValues: { occurredAt: nowInstant(), count: 1 },
        fields: addFields,
      }}
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
      list={list}
      rowKey={(e) => e.id}
      renderItem={(e) => (
        <ItemRow
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
      )}
    ></RecordPageShell>
  );
}
