import { createKeyPersonInput } from "@pingan/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Drawer, Form, Grid, Input, Select, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { nowInstant, showDate, showInstant, todayInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { options, recordLabels } from "../../shared/record-labels";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields, requiredField } from "./contract-rule";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
import { RecordPageShell } from "./record-page-shell";

type KeyPerson = RouterOutputs["keyPersons"]["list"]["items"][number];
type CreateValues = { alias: string; category: KeyPerson["category"]; registeredAt: string; note?: string };
type VisitValues = { at: string; note?: string };

function startOfMonthCst(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01T00:00:00+08:00`;
}

/** 重点人员: registered people, each to be visited every month; visits on a timeline per person. */
export default function KeyPersonsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = recordLabels(t);
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const { field } = contractFields(createKeyPersonInput);
  const screens = Grid.useBreakpoint();
  const [category, setCategory] = useState<KeyPerson["category"] | undefined>();
  const [includeDeregistered, setIncludeDeregistered] = useState(false);
  const [selected, setSelected] = useState<KeyPerson | null>(null);
  const [visitForm] = Form.useForm<VisitValues>();

  const list = useRecordList(
    trpc.keyPersons.list.infiniteQueryOptions(
      { townshipId, category, includeDeregistered, limit: PAGE_SIZE },
      NEXT_PAGE,
    ),
  );
  const monthVisits = useQuery(
    trpc.keyPersons.listVisits.queryOptions({ townshipId, from: startOfMonthCst(), limit: 100 }),
  );
  const visitedThisMonth = new Set(monthVisits.data?.items.map((v) => v.keyPersonId));
  const visits = useQuery({
    ...trpc.keyPersons.listVisits.queryOptions({ townshipId, keyPersonId: selected?.id ?? "", limit: 50 }),
    enabled: selected !== null,
  });
  const adding = useCreateRecord(
    trpc.keyPersons.create.mutationOptions,
    trpc.keyPersons.pathFilter(),
    (v: CreateValues) => newRecord(townshipId, v),
  );
  const addVisit = useMutation(
    trpc.keyPersons.addVisit.mutationOptions({
      onSuccess: () => {
        visitForm.resetFields();
        void qc.invalidateQueries(trpc.keyPersons.pathFilter());
      },
      onError: (e) => applyFieldErrors(visitForm, e),
    }),
  );

  const addFields = (
    <>
      <Form.Item
        {...field("alias", t("keyPersons.alias"), t("keyPersons.aliasRequired"))}
        extra={t("keyPersons.aliasHint")}
      >
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item {...field("category", t("keyPersons.category"), t("keyPersons.categoryRequired"))}>
        <Select options={options(labels.keyPersonCategory)} />
      </Form.Item>
      <Form.Item
        {...field("registeredAt", t("keyPersons.registeredAt"), t("keyPersons.registeredAtRequired"))}
      >
        <InstantPicker dateOnly />
      </Form.Item>
      <Form.Item {...field("note", t("keyPersons.note"))}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </>
  );

  return (
    <RecordPageShell<KeyPerson, CreateValues>
      title={t("keyPersons.title")}
      exportTypes={["keyPerson", "visit"]}
      addLabel={t("keyPersons.add")}
      add={{
        form: adding,
        title: t("keyPersons.addTitle"),
        initialValues: { registeredAt: todayInstant() },
        fields: addFields,
      }}
      filters={
        <>
          <Select
            allowClear
            placeholder={t("keyPersons.category")}
            style={{ width: 180 }}
            value={category}
            onChange={setCategory}
            options={options(labels.keyPersonCategory)}
          />
          <Checkbox checked={includeDeregistered} onChange={(e) => setIncludeDeregistered(e.target.checked)}>
            {t("keyPersons.includeDeregistered")}
          </Checkbox>
        </>
      }
      list={list}
      rowKey={(k) => k.id}
      renderItem={(k) => (
        <ItemRow
          onClick={() => setSelected(k)}
          style={{ cursor: "pointer" }}
          title={
            <Space wrap size={4}>
              <span>{k.alias}</span>
              <Tag>{labels.keyPersonCategory[k.category]}</Tag>
              {k.deregisteredAt ? (
                <Tag>{t("keyPersons.deregistered")}</Tag>
              ) : visitedThisMonth.has(k.id) ? (
                <Tag color="green">{t("keyPersons.visited")}</Tag>
              ) : (
                <Tag color="orange">{t("keyPersons.notVisited")}</Tag>
              )}
            </Space>
          }
          description={
            <Typography.Text type="secondary">
              {t("keyPersons.registeredOn", { at: showDate(k.registeredAt) })}
            </Typography.Text>
          }
        />
      )}
    >
      <Drawer
        title={selected ? t("keyPersons.visitsTitle", { alias: selected.alias }) : ""}
        open={selected !== null}
        onClose={() => setSelected(null)}
        size={screens.sm ? 480 : "100%"}
        destroyOnHidden
      >
        {selected && (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {/* The form first: on a phone it would sit below the whole history. */}
            {!selected.deregisteredAt && (
              <Form<VisitValues>
                form={visitForm}
                layout="vertical"
                initialValues={{ at: nowInstant() }}
                onFinish={(v) =>
                  addVisit.mutate({
                    townshipId,
                    requestId: crypto.randomUUID(),
                    keyPersonId: selected.id,
                    ...v,
                  })
                }
              >
                <Form.Item {...requiredField("at", t("keyPersons.visitAt"), t("keyPersons.visitAtRequired"))}>
                  <InstantPicker />
                </Form.Item>
                <Form.Item name="note" label={t("keyPersons.visitNote")}>
                  <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={addVisit.isPending}>
                  {t("keyPersons.saveVisit")}
                </Button>
              </Form>
            )}
            <Timeline
              items={(visits.data?.items ?? []).map((v) => ({
                key: v.id,
                content: (
                  <>
                    <Typography.Text strong>{showInstant(v.at)}</Typography.Text>
                    {v.note && <div>{v.note}</div>}
                  </>
                ),
              }))}
            />
            {!visits.isPending && (visits.data?.items.length ?? 0) === 0 && (
              <Typography.Text type="secondary">{t("keyPersons.noVisits")}</Typography.Text>
            )}
          </Space>
        )}
      </Drawer>
    </RecordPageShell>
  );
}
