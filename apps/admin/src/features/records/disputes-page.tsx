import { createDisputeInput } from "@pingan/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { AutoComplete, Drawer, Form, Grid, Input, Radio, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { FiledGridField, FiledGridFilter, useLinkedGrid } from "../../shared/filed-grid";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { DISPUTE_CATEGORIES, LEVEL_COLORS, options, recordLabels } from "../../shared/record-labels";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields } from "./contract-rule";
import { type Dispute, DisputeDetail } from "./dispute-detail";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
import { type OpenClosed, OpenClosedFilter, RecordPageShell } from "./record-page-shell";

type CreateValues = {
  level: Dispute["level"];
  category: string;
  partiesBrief: string;
  summary?: string;
  reportedAt: string;
  gridId?: string;
};

/** 矛盾纠纷: the township's disputes with level colours, filters, entry, attempts and closing. */
export default function DisputesPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = recordLabels(t);
  const _qc = useQueryClient();
  const townshipId = useTownshipId();
  const { rule, field } = contractFields(createDisputeInput);
  const screens = Grid.useBreakpoint();
  const [level, setLevel] = useState<Dispute["level"] | undefined>();
  const [status, setStatus] = useState<OpenClosed>("all");
  const [selected, setSelected] = useState<Dispute | null>(null);
  const [gridId, setGridId] = useState<string | undefined>();

  const list = useRecordList(
    trpc.disputes.list.infiniteQueryOptions(
      { townshipId, level, gridId, status: status === "all" ? undefined : status, limit: PAGE_SIZE },
      NEXT_PAGE,
    ),
  );
  const adding = useCreateRecord(
    trpc.disputes.create.mutationOptions,
    trpc.disputes.pathFilter(),
    (v: CreateValues) => newRecord(townshipId, v),
  );
  const linkedGrid = useLinkedGrid(adding.show);

  const addFields = (
    <>
      <Form.Item name="level" label={t("disputes.level")} rules={[rule("level"), { required: true }]}>
        <Radio.Group
          optionType="button"
          options={(["blue", "yellow", "red"] as const).map((l) => ({
            value: l,
            title: labels.levelHint[l],
            label: (
              <span>
                <span style={{ color: LEVEL_BORDER[l] }}>●</span> {labels.level[l]}
              </span>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item {...field("category", t("disputes.category"), t("disputes.categoryRequired"))}>
        <AutoComplete options={DISPUTE_CATEGORIES.map((c) => ({ value: c }))} maxLength={50} />
      </Form.Item>
      <Form.Item {...field("partiesBrief", t("disputes.parties"), t("disputes.partiesRequired"))}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item {...field("summary", t("disputes.summary"))}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.Item {...field("reportedAt", t("disputes.reportedAt"), t("disputes.reportedAtRequired"))}>
        <InstantPicker />
      </Form.Item>
      <FiledGridField townshipId={townshipId} />
    </>
  );

  return (
    <RecordPageShell<Dispute, CreateValues>
      title={t("disputes.title")}
      exportTypes={["dispute"]}
      addLabel={t("disputes.add")}
      add={{
        form: adding,
        title: t("disputes.addTitle"),
        initialValues: { level: "blue", reportedAt: nowInstant(), gridId: linkedGrid },
        fields: addFields,
      }}
      filters={
        <>
          <Select
            allowClear
            placeholder={t("disputes.level")}
            style={{ width: 120 }}
            value={level}
            onChange={setLevel}
            options={options(labels.level)}
            aria-label={t("disputes.level")}
          />
          <FiledGridFilter townshipId={townshipId} value={gridId} onChange={setGridId} />
          <OpenClosedFilter value={status} onChange={setStatus} />
        </>
      }
      list={list}
      rowKey={(d) => d.id}
      renderItem={(d) => (
        <ItemRow
          onClick={() => setSelected(d)}
          style={{ cursor: "pointer", borderLeft: `4px solid ${LEVEL_BORDER[d.level]}` }}
          testId="dispute-item"
          title={
            <Space wrap size={4}>
              <Tag color={LEVEL_COLORS[d.level]}>{labels.level[d.level]}</Tag>
              <span>{d.category}</span>
              {d.closedAt && d.outcome ? (
                <Tag color={d.outcome === "resolved" ? "green" : "orange"}>{labels.outcome[d.outcome]}</Tag>
              ) : (
                <Tag color="processing">{t("records.status.open")}</Tag>
              )}
            </Space>
          }
          description={
            <>
              <div>{d.partiesBrief}</div>
              <Typography.Text type="secondary">
                {showInstant(d.reportedAt)} · {t("disputes.attemptCount", { n: d.attempts.length })}
              </Typography.Text>
            </>
          }
        />
      )}
    >
      <Drawer
        title={t("disputes.detail")}
        open={selected !== null}
        onClose={() => setSelected(null)}
        size={screens.sm ? 560 : "100%"}
        destroyOnHidden
      >
        {selected && <DisputeDetail dispute={selected} townshipId={townshipId} onChanged={setSelected} />}
      </Drawer>
    </RecordPageShell>
  );
}

const LEVEL_BORDER = { blue: "#1677ff", yellow: "#faad14", red: "#f5222d" } as const;
