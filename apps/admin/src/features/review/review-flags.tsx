import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import type { Locale } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../../shared/instant";
import { periodLabel } from "../../shared/period-label";

type Flags = RouterOutputs["reviewFlags"]["list"];
type FlagRow = Flags["flags"][number];
type Action = NonNullable<FlagRow["action"]>;
type Outcome = Action["outcome"];
const OUTCOMES: Outcome[] = ["verified", "correction", "deducted"];
const OUTCOME_COLOR: Record<Outcome, string> = { verified: "green", correction: "orange", deducted: "red" };

type T = ReturnType<typeof useI18n>["t"];

function title(t: T, f: FlagRow): string {
  switch (f.rule) {
    case "drop":
      return t("flags.drop.title", { kind: t(`flags.kind.${f.kind}`) });
    case "perfect":
      return t("flags.perfect.title");
    case "import":
      return t("flags.import.title", { kind: t(`flags.kind.${f.kind}`) });
  }
}

/** The flag's evidence: the figures it was raised on. */
function evidence(t: T, locale: Locale, f: FlagRow): string[] {
  const sep = locale === "en" ? ", " : "，";
  const months = (rows: { month: string; count: number }[]) =>
    t("flags.trailing", { months: rows.map((r) => `${periodLabel(r.month, locale)} ${r.count}`).join(sep) });
  switch (f.rule) {
    case "drop":
      return [t("flags.drop.evidence", { count: f.count, median: f.median }), months(f.trailing)];
    case "perfect":
      return [
        ...f.rates.map((r) => t("flags.perfect.rate", { code: r.code, name: r.name, cases: r.cases })),
        t("flags.perfect.evidence", { n: f.skipLevel, median: f.skipLevelMedian }),
        months(f.trailing),
      ];
    case "import":
      return [
        t("flags.import.evidence", { own: f.own, imported: f.imported }),
        t("flags.import.files", { files: f.files.join(locale === "en" ? ", " : "、") }),
      ];
  }
}

function ActionLine({ action }: { action: Action }) {
  const { t } = useI18n();
  return (
    <Space wrap size={4} data-testid="flag-action">
      <Tag color={OUTCOME_COLOR[action.outcome]}>{t(`flags.outcome.${action.outcome}`)}</Tag>
      <span>{action.note}</span>
      <Typography.Text type="secondary">{showInstant(action.updatedAt)}</Typography.Text>
    </Space>
  );
}

/**
 * 报喜不报忧 flags of the township-month under review, each with its evidence and what the reviewers
 * recorded about it (a note and an outcome). Flags never change a score.
 */
export function ReviewFlags({ townshipId, month }: { townshipId: string; month: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [acting, setActing] = useState<FlagRow | null>(null);
  const [form] = Form.useForm<{ outcome: Outcome; note: string }>();
  const flags = useQuery(trpc.reviewFlags.list.queryOptions({ townshipId, month }));
  const record = useMutation(
    trpc.reviewFlags.record.mutationOptions({
      onSuccess: () => {
        message.success(t("flags.recorded"));
        setActing(null);
        void qc.invalidateQueries(trpc.reviewFlags.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const data = flags.data;
  if (!data) return null;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="review-flags">
      {data.flags.length === 0 ? (
        <Alert type="success" showIcon title={t("flags.none")} />
      ) : (
        <Typography.Text type="secondary">{t("flags.hint")}</Typography.Text>
      )}
      {data.flags.map((f) => (
        <Card
          key={f.code}
          size="small"
          data-testid={`flag-${f.code}`}
          title={
            <Space size={4}>
              <Tag color="volcano">{t("flags.title")}</Tag>
              {title(t, f)}
            </Space>
          }
          extra={
            <Button
              size="small"
              onClick={() => {
                setActing(f);
                form.setFieldsValue(f.action ? { outcome: f.action.outcome, note: f.action.note } : {});
              }}
            >
              {f.action ? t("flags.change") : t("flags.record")}
            </Button>
          }
        >
          {evidence(t, locale, f).map((line) => (
            <div key={line}>{line}</div>
          ))}
          <div style={{ marginTop: 8 }}>
            {f.action ? <ActionLine action={f.action} /> : <Tag>{t("flags.noAction")}</Tag>}
          </div>
        </Card>
      ))}
      {data.lifted.length > 0 && (
        <>
          <Typography.Text type="secondary">{t("flags.lifted")}</Typography.Text>
          {data.lifted.map((a) => (
            <ActionLine key={a.code} action={a} />
          ))}
        </>
      )}
      <Modal
        title={acting ? title(t, acting) : ""}
        open={acting !== null}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            acting &&
            record.mutate({
              townshipId,
              month,
              code: acting.code,
              outcome: v.outcome,
              note: v.note,
              expectedVersion: acting.action?.version ?? 0,
            })
          }
        >
          <Form.Item
            name="outcome"
            label={t("flags.outcome")}
            rules={[{ required: true, message: t("flags.outcomeRequired") }]}
          >
            <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`flags.outcome.${o}`) }))} />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("flags.note")}
            rules={[{ required: true, message: t("flags.noteRequired") }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
