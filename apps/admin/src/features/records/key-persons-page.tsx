import { createKeyPersonInput, type HelpTeamRole, VISIT_METHODS, type VisitMethod } from "@pingan/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Drawer, Form, Grid, Input, Select, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FiledGridField, FiledGridFilter, useLinkedGrid } from "../../shared/filed-grid";
import { nowInstant, showDate, showInstant, todayInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields, requiredField } from "./contract-rule";
import { KeyPersonTeam } from "./key-person-team";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
import { RecordPageShell } from "./record-page-shell";

type KeyPerson = RouterOutputs["keyPersons"]["list"]["items"][number];
type CreateValues = {
  alias: string;
  category: KeyPerson["category"];
  registeredAt: string;
  note?: string;
  gridId?: string;
};
type VisitValues = { at: string; note?: string; method: VisitMethod; memberId?: string };

function startOfMonthCst(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01T00:00:00+08:00`;
}

/**
 * 重点人员: registered people of the county's categories, each visited as often as its category (or its
 * own frequency) says; a person's 1+n help team and visits (how, and by which member) in a drawer.
 */
export default function KeyPersonsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const { field } = contractFields(createKeyPersonInput);
  const screens = Grid.useBreakpoint();
  const [category, setCategory] = useState<KeyPerson["category"] | undefined>();
  const [includeDeregistered, setIncludeDeregistered] = useState(false);
  const [gridId, setGridId] = useState<string | undefined>();
  const [selected, setSelected] = useState<KeyPerson | null>(null);
  const [visitForm] = Form.useForm<VisitValues>();

  const list = useRecordList(
    trpc.keyPersons.list.infiniteQueryOptions(
      { townshipId, category, gridId, includeDeregistered, limit: PAGE_SIZE },
      NEXT_PAGE,
    ),
  );
  const categories = useQuery(trpc.keyPersons.categories.queryOptions({ townshipId }));
  const categoryOf = new Map((categories.data ?? []).map((c) => [c.code, c]));
  const categoryOptions = (categories.data ?? []).map((c) => ({
    value: c.code,
    label: `${c.name}（${t(c.per === "quarter" ? "keyPersons.perQuarter" : "keyPersons.perMonth", { times: c.times })}）`,
  }));
  const monthVisits = useQuery(
    trpc.keyPersons.listVisits.queryOptions({ townshipId, from: startOfMonthCst(), limit: 100 }),
  );
  const visitsThisMonth = new Map<string, number>();
  for (const v of monthVisits.data?.items ?? [])
    visitsThisMonth.set(v.keyPersonId, (visitsThisMonth.get(v.keyPersonId) ?? 0) + 1);
  /** A person's frequency: its own, else its category's (scoring.md §10.3). */
  const frequencyOf = (k: KeyPerson) => {
    if (k.visitsPerMonth != null) return { per: "month" as const, times: k.visitsPerMonth };
    if (k.visitsPerQuarter != null) return { per: "quarter" as const, times: k.visitsPerQuarter };
    const c = categoryOf.get(k.category);
    return c ? { per: c.per, times: c.times } : { per: "month" as const, times: 1 };
  };
  const methodOptions = VISIT_METHODS.map((m) => ({ value: m, label: t(`keyPersons.method.${m}`) }));
  const visits = useQuery({
    ...trpc.keyPersons.listVisits.queryOptions({ townshipId, keyPersonId: selected?.id ?? "", limit: 50 }),
    enabled: selected !== null,
  });
  const adding = useCreateRecord(
    trpc.keyPersons.create.mutationOptions,
    trpc.keyPersons.pathFilter(),
    (v: CreateValues) => newRecord(townshipId, v),
  );
  const linkedGrid = useLinkedGrid(adding.show);
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
        <Select options={categoryOptions} loading={categories.isPending} />
      </Form.Item>
      <Form.Item
        {...field("registeredAt", t("keyPersons.registeredAt"), t("keyPersons.registeredAtRequired"))}
      >
        <InstantPicker dateOnly />
      </Form.Item>
      <Form.Item {...field("note", t("keyPersons.note"))}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <FiledGridField townshipId={townshipId} />
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
        initialValues: { registeredAt: todayInstant(), gridId: linkedGrid },
        fields: addFields,
      }}
      filters={
        <>
          <FiledGridFilter townshipId={townshipId} value={gridId} onChange={setGridId} />
          <Select
            allowClear
            placeholder={t("keyPersons.category")}
            style={{ width: 180 }}
            value={category}
            onChange={setCategory}
            options={categoryOptions}
          />
          <Checkbox checked={includeDeregistered} onChange={(e) => setIncludeDeregistered(e.target.checked)}>
            {t("keyPersons.includeDeregistered")}
          </Checkbox>
        </>
      }
      list={list}
      rowKey={(k) => k.id}
      renderItem={(k) => {
        const frequency = frequencyOf(k);
        const done = visitsThisMonth.get(k.id) ?? 0;
        return (
          <ItemRow
            onClick={() => setSelected(k)}
            style={{ cursor: "pointer" }}
            title={
              <Space wrap size={4}>
                <span>{k.alias}</span>
                <Tag>{categoryOf.get(k.category)?.name ?? k.category}</Tag>
                <Tag>
                  {t(frequency.per === "quarter" ? "keyPersons.perQuarter" : "keyPersons.perMonth", {
                    times: frequency.times,
                  })}
                </Tag>
                {k.deregisteredAt ? (
                  <Tag>{t("keyPersons.deregistered")}</Tag>
                ) : frequency.per === "quarter" ? null : done >= frequency.times ? (
                  <Tag color="green">{t("keyPersons.visitsThisMonth", { done, times: frequency.times })}</Tag>
                ) : (
                  <Tag color="orange">{t("keyPersons.visitsShort", { done, times: frequency.times })}</Tag>
                )}
              </Space>
            }
            description={
              <Typography.Text type="secondary">
                {t("keyPersons.registeredOn", { at: showDate(k.registeredAt) })}
              </Typography.Text>
            }
          />
        );
      }}
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
            <KeyPersonTeam person={selected} townshipId={townshipId} onSaved={setSelected} />
            {/* The form first: on a phone it would sit below the whole history. */}
            {!selected.deregisteredAt && (
              <Form<VisitValues>
                form={visitForm}
                layout="vertical"
                initialValues={{ at: nowInstant(), method: "in_person" }}
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
                <Form.Item name="method" label={t("keyPersons.visitMethod")}>
                  <Select options={methodOptions} data-testid="visit-method" />
                </Form.Item>
                {(selected.helpTeam?.length ?? 0) > 0 && (
                  <Form.Item
                    name="memberId"
                    label={t("keyPersons.visitMember")}
                    rules={[{ required: true, message: t("keyPersons.visitMemberRequired") }]}
                  >
                    <Select
                      data-testid="visit-member"
                      options={(selected.helpTeam ?? []).map((m) => ({
                        value: m.id,
                        label: `${m.name}（${t(`keyPersons.role.${m.role as HelpTeamRole}`)}）`,
                      }))}
                    />
                  </Form.Item>
                )}
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
                    <Typography.Text strong>{showInstant(v.at)}</Typography.Text>{" "}
                    <Tag>{t(`keyPersons.method.${(v.method ?? "in_person") as VisitMethod}`)}</Tag>
                    {v.memberName && <Typography.Text>{v.memberName}</Typography.Text>}
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
