import { createIncidentInput } from "@pingan/contracts";
import { Form, Input, Radio, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { FiledGridField, FiledGridFilter, useLinkedGrid } from "../../shared/filed-grid";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { options, recordLabels } from "../../shared/record-labels";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields } from "./contract-rule";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
import { RecordPageShell } from "./record-page-shell";

type Incident = RouterOutputs["incidents"]["list"]["items"][number];
type CreateValues = {
  occurredAt: string;
  kind: Incident["kind"];
  severity: Incident["severity"];
  summary: string;
  gridId?: string;
};

/** 案件: criminal and public-order cases; major criminal cases are a veto event. */
export default function IncidentsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = recordLabels(t);
  const townshipId = useTownshipId();
  const { field } = contractFields(createIncidentInput);
  const [kind, setKind] = useState<Incident["kind"] | undefined>();
  const [gridId, setGridId] = useState<string | undefined>();
  const list = useRecordList(
    trpc.incidents.list.infiniteQueryOptions({ townshipId, kind, gridId, limit: PAGE_SIZE }, NEXT_PAGE),
  );
  const adding = useCreateRecord(
    trpc.incidents.create.mutationOptions,
    trpc.incidents.pathFilter(),
    (v: CreateValues) => newRecord(townshipId, v),
  );
  const linkedGrid = useLinkedGrid(adding.show);
  const addFields = (
    <>
      <Form.Item {...field("kind", t("incidents.kind"))}>
        <Radio.Group optionType="button" options={options(labels.incidentKind)} />
      </Form.Item>
      <Form.Item {...field("severity", t("incidents.severity"))} extra={t("incidents.vetoHint")}>
        <Radio.Group optionType="button" options={options(labels.severity)} />
      </Form.Item>
      <Form.Item {...field("summary", t("incidents.summary"), t("incidents.summaryRequired"))}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.Item {...field("occurredAt", t("incidents.occurredAt"), t("incidents.occurredAtRequired"))}>
        <InstantPicker />
      </Form.Item>
      <FiledGridField townshipId={townshipId} />
    </>
  );

  return (
    <RecordPageShell<Incident, CreateValues>
      title={t("incidents.title")}
      exportTypes={["incident"]}
      addLabel={t("incidents.add")}
      add={{
        form: adding,
        title: t("incidents.add"),
        initialValues: {
          occurredAt: nowInstant(),
          kind: "public_order",
          severity: "ordinary",
          gridId: linkedGrid,
        },
        fields: addFields,
      }}
      filters={
        <>
          <Select
            allowClear
            placeholder={t("incidents.kind")}
            style={{ width: 140 }}
            value={kind}
            onChange={setKind}
            options={options(labels.incidentKind)}
          />
          <FiledGridFilter townshipId={townshipId} value={gridId} onChange={setGridId} />
        </>
      }
      list={list}
      rowKey={(i) => i.id}
      renderItem={(i) => (
        <ItemRow
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
      )}
    ></RecordPageShell>
  );
}
