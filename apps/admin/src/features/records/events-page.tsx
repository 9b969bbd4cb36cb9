import { createEventInput } from "@pingan/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { FiledGridField, FiledGridFilter } from "../../shared/filed-grid";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields } from "./contract-rule";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
import { RecordPageShell } from "./record-page-shell";

type EventItem = RouterOutputs["events"]["list"]["items"][number];
type CreateValues = { kind: string; occurredAt: string; count: number; note?: string; gridId?: string };

/**
 * The 纪实 items of the county's current scheme (issue 14) as select options, by their Chinese names, and a
 * namer for list rows: a kind the current scheme no longer has (an older version's item) shows its code.
 */
function useWorkItems(townshipId: string) {
  const trpc = useTRPC();
  const year = Number(showInstant(nowInstant()).slice(0, 4));
  const vocabulary = useQuery(trpc.events.items.queryOptions({ townshipId, year }));
  return useMemo(() => {
    const items = vocabulary.data?.items ?? [];
    const names = new Map(items.map((i) => [i.code, i.name]));
    return {
      options: items.map((i) => ({
        value: i.code,
        label: i.name,
        title: [i.done, i.recorder].filter(Boolean).join(" · ") || i.name,
      })),
      name: (kind: string) => names.get(kind) ?? kind,
    };
  }, [vocabulary.data]);
}

/** 工作事项: the 纪实 items of the county's scheme, commendations and bad events, as the scheme counts them. */
export default function EventsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const _qc = useQueryClient();
  const townshipId = useTownshipId();
  const { field } = contractFields(createEventInput);
  const [kind, setKind] = useState<string | undefined>();
  const [gridId, setGridId] = useState<string | undefined>();
  const items = useWorkItems(townshipId);
  const list = useRecordList(
    trpc.events.list.infiniteQueryOptions({ townshipId, kind, gridId, limit: PAGE_SIZE }, NEXT_PAGE),
  );
  const adding = useCreateRecord(
    trpc.events.create.mutationOptions,
    trpc.events.pathFilter(),
    (v: CreateValues) => newRecord(townshipId, v),
  );
  const addFields = (
    <>
      <Form.Item {...field("kind", t("events.kind"), t("events.kindRequired"))}>
        <Select
          showSearch={{ optionFilterProp: "label" }}
          options={items.options}
          aria-label={t("events.kind")}
        />
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
      <FiledGridField townshipId={townshipId} />
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
        <>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("events.kind")}
            style={{ width: 220 }}
            value={kind}
            onChange={setKind}
            options={items.options}
            aria-label={t("events.kindFilter")}
          />
          <FiledGridFilter townshipId={townshipId} value={gridId} onChange={setGridId} />
        </>
      }
      list={list}
      rowKey={(e) => e.id}
      renderItem={(e) => (
        <ItemRow
          title={
            <Space wrap size={4}>
              <Tag color="geekblue">{items.name(e.kind)}</Tag>
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
