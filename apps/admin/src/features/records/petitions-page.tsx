import { createPetitionInput } from "@pingan/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Form, Input, Radio, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FiledGridField, FiledGridFilter, useLinkedGrid } from "../../shared/filed-grid";
import { FormDrawer } from "../../shared/form-drawer";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import { ItemRow } from "../../shared/item-list";
import { useTownshipId } from "../../shared/use-township-id";
import { contractFields, requiredField } from "./contract-rule";
import { NEXT_PAGE, newRecord, PAGE_SIZE, useCreateRecord, useRecordList } from "./record-hooks";
import { type OpenClosed, OpenClosedFilter, RecordPageShell } from "./record-page-shell";

type Petition = RouterOutputs["petitions"]["list"]["items"][number];
type CreateValues = {
  subject: string;
  petitionerBrief: string;
  receivedAt: string;
  skipLevel?: boolean;
  collective?: boolean;
  firstHandledAt?: string;
  gridId?: string;
};
type CloseValues = { closedAt: string; settled: boolean; closingNote?: string };

/** 信访: received petitions, first handling, closing as settled or not; skip-level and collective flagged. */
export default function PetitionsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const { rule, field } = contractFields(createPetitionInput);
  const [status, setStatus] = useState<OpenClosed>("all");
  const [gridId, setGridId] = useState<string | undefined>();
  const [closing, setClosing] = useState<Petition | null>(null);
  const [closeForm] = Form.useForm<CloseValues>();
  const refresh = () => void qc.invalidateQueries(trpc.petitions.pathFilter());

  const list = useRecordList(
    trpc.petitions.list.infiniteQueryOptions(
      { townshipId, gridId, status: status === "all" ? undefined : status, limit: PAGE_SIZE },
      NEXT_PAGE,
    ),
  );
  const adding = useCreateRecord(
    trpc.petitions.create.mutationOptions,
    trpc.petitions.pathFilter(),
    (v: CreateValues) =>
      newRecord(townshipId, { ...v, skipLevel: v.skipLevel ?? false, collective: v.collective ?? false }),
  );
  const linkedGrid = useLinkedGrid(adding.show);
  const close = useMutation(
    trpc.petitions.close.mutationOptions({
      onSuccess: () => {
        setClosing(null);
        refresh();
      },
      onError: (e) => applyFieldErrors(closeForm, e),
    }),
  );

  const addFields = (
    <>
      <Form.Item {...field("subject", t("petitions.subject"), t("petitions.subjectRequired"))}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item {...field("petitionerBrief", t("petitions.petitioner"), t("petitions.petitionerRequired"))}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item {...field("receivedAt", t("petitions.receivedAt"), t("petitions.receivedAtRequired"))}>
        <InstantPicker />
      </Form.Item>
      <Form.Item {...field("firstHandledAt", t("petitions.firstHandledAt"))}>
        <InstantPicker />
      </Form.Item>
      <Space>
        <Form.Item name="skipLevel" rules={[rule("skipLevel")]} valuePropName="checked">
          <Checkbox>{t("petitions.skipLevelCheck")}</Checkbox>
        </Form.Item>
        <Form.Item name="collective" rules={[rule("collective")]} valuePropName="checked">
          <Checkbox>{t("petitions.collectiveCheck")}</Checkbox>
        </Form.Item>
      </Space>
      <FiledGridField townshipId={townshipId} />
    </>
  );

  return (
    <RecordPageShell<Petition, CreateValues>
      title={t("petitions.title")}
      exportTypes={["petition"]}
      addLabel={t("petitions.add")}
      add={{
        form: adding,
        title: t("petitions.add"),
        initialValues: {
          receivedAt: nowInstant(),
          skipLevel: false,
          collective: false,
          gridId: linkedGrid,
        },
        fields: addFields,
      }}
      filters={
        <>
          <FiledGridFilter townshipId={townshipId} value={gridId} onChange={setGridId} />
          <OpenClosedFilter value={status} onChange={setStatus} />
        </>
      }
      list={list}
      rowKey={(p) => p.id}
      renderItem={(p) => (
        <ItemRow
          actions={
            p.closedAt
              ? []
              : [
                  <Button key="close" size="small" onClick={() => setClosing(p)}>
                    {t("records.close")}
                  </Button>,
                ]
          }
          title={
            <Space wrap size={4}>
              <span>{p.subject}</span>
              {p.skipLevel && <Tag color="red">{t("petitions.skipLevel")}</Tag>}
              {p.collective && <Tag color="red">{t("petitions.collective")}</Tag>}
              {p.closedAt ? (
                <Tag color={p.settled ? "green" : "orange"}>
                  {p.settled ? t("petitions.settled") : t("petitions.unsettled")}
                </Tag>
              ) : (
                <Tag color="processing">{t("records.status.open")}</Tag>
              )}
            </Space>
          }
          description={
            <>
              <div>{p.petitionerBrief}</div>
              <Typography.Text type="secondary">
                {t("petitions.dates", {
                  received: showInstant(p.receivedAt),
                  first: showInstant(p.firstHandledAt),
                })}
              </Typography.Text>
            </>
          }
        />
      )}
    >
      <FormDrawer<CloseValues>
        title={t("records.closeTitle", { subject: closing?.subject ?? "" })}
        open={closing !== null}
        onClose={() => setClosing(null)}
        form={closeForm}
        submitting={close.isPending}
        initialValues={{ closedAt: nowInstant(), settled: true }}
        onFinish={(v) =>
          closing && close.mutate({ townshipId, id: closing.id, expectedVersion: closing.version, ...v })
        }
      >
        <Form.Item {...requiredField("closedAt", t("records.closedAt"), t("records.closedAtRequired"))}>
          <InstantPicker />
        </Form.Item>
        <Form.Item name="settled" label={t("petitions.settledQuestion")}>
          <Radio.Group
            options={[
              { value: true, label: t("petitions.settledYes") },
              { value: false, label: t("petitions.unsettled") },
            ]}
          />
        </Form.Item>
        <Form.Item name="closingNote" label={t("records.closingNote")}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormDrawer>
    </RecordPageShell>
  );
}
