import { eventLabel, type Scheme } from "@pingan/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../../shared/format-metric";
import { indicatorInfo } from "../../shared/indicator-info";
import { IndicatorTable } from "../../shared/indicator-table";
import { showInstant } from "../../shared/instant";
import { submissionStatus } from "../../shared/submission-status";
import { LateWaiver } from "./late-waiver";
import { ReviewFlags } from "./review-flags";

export type QueueRow = RouterOutputs["submissions"]["list"][number];
type Entry = QueueRow["manualScores"][number];

/** One township's month under review: its live score, the reviewers' entries and the decisions. */
export function ReviewDrawer({ row, scheme }: { row: QueueRow; scheme: Scheme | undefined }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const me = useSession().session?.user.id;
  const [returning, setReturning] = useState(false);
  const [entryKind, setEntryKind] = useState<"manual" | "adjustment" | null>(null);
  const [returnForm] = Form.useForm<{ reason: string }>();
  const [manualForm] = Form.useForm<{ indicator: string; score: number; reason: string }>();
  const [adjustForm] = Form.useForm<{ indicator: string; event: string; count: number; reason: string }>();
  const key = { townshipId: row.townshipId, month: row.month, expectedVersion: row.version };
  const preview = useQuery(
    trpc.submissions.preview.queryOptions({ townshipId: row.townshipId, month: row.month }),
  );
  const refresh = () => void qc.invalidateQueries(trpc.submissions.pathFilter());
  const done = (text: string) => () => {
    message.success(text);
    setReturning(false);
    setEntryKind(null);
    refresh();
  };
  const approve = useMutation(
    trpc.submissions.approve.mutationOptions({ onSuccess: done(t("review.approvedMsg")) }),
  );
  const ret = useMutation(
    trpc.submissions.returnToTownship.mutationOptions({
      onSuccess: done(t("review.returnedMsg")),
      onError: (e) => applyFieldErrors(returnForm, e),
    }),
  );
  const manual = useMutation(
    trpc.submissions.enterManualScore.mutationOptions({
      onSuccess: done(t("review.enteredMsg")),
      onError: (e) => applyFieldErrors(manualForm, e),
    }),
  );
  const adjust = useMutation(
    trpc.submissions.enterAdjustment.mutationOptions({
      onSuccess: done(t("review.enteredMsg")),
      onError: (e) => applyFieldErrors(adjustForm, e),
    }),
  );
  const confirm = useMutation(
    trpc.submissions.confirmEntry.mutationOptions({ onSuccess: done(t("review.confirmed")) }),
  );

  const underReview = row.status === "submitted";
  const manualIndicators = scheme?.indicators.filter((i) => i.base.kind === "manual") ?? [];
  const adjustable =
    scheme?.indicators.filter((i) => (i.bonuses?.length ?? 0) + (i.deductions?.length ?? 0) > 0) ?? [];
  const adjustIndicator = Form.useWatch("indicator", adjustForm);
  const adjustEvents = scheme?.indicators.find((i) => i.code === adjustIndicator);
  const status = submissionStatus(t, row.status);
  const entries: (Entry & { kind: string })[] = [
    ...row.manualScores.map((e) => ({ ...e, kind: t("review.manual") })),
    ...row.adjustments.map((e) => ({ ...e, kind: t("review.adjustment") })),
  ];

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t("review.status")}>
          <Tag color={status.color}>{status.text}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("review.submittedAt")}>{showInstant(row.submittedAt)}</Descriptions.Item>
        {preview.data && (
          <>
            <Descriptions.Item label={t("review.liveScore")}>
              <strong data-testid="review-total">{formatScore(preview.data.total)}</strong>
              {t("review.grade", { grade: preview.data.grade })}
              {preview.data.vetoed && <Tag color="red">{t("review.vetoed")}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t("review.countyRank")}>
              {preview.data.rank} / {preview.data.townships}
            </Descriptions.Item>
          </>
        )}
        {row.returnReason && (
          <Descriptions.Item label={t("review.returnReason")}>{row.returnReason}</Descriptions.Item>
        )}
      </Descriptions>
      {row.locked && row.status === "draft" && <LateWaiver townshipId={row.townshipId} month={row.month} />}

      {underReview && (
        <Space wrap>
          <Popconfirm
            title={t("review.confirmApprove")}
            onConfirm={() => approve.mutate(key)}
            disabled={entries.some((e) => !e.effective)}
          >
            <Button type="primary" loading={approve.isPending} disabled={entries.some((e) => !e.effective)}>
              {t("review.approve")}
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setReturning(true)}>
            {t("review.return")}
          </Button>
          {manualIndicators.length > 0 && (
            <Button onClick={() => setEntryKind("manual")}>{t("review.manual")}</Button>
          )}
          {adjustable.length > 0 && (
            <Button onClick={() => setEntryKind("adjustment")}>{t("review.adjustment")}</Button>
          )}
        </Space>
      )}
      {entries.some((e) => !e.effective) && (
        <Alert type="warning" showIcon title={t("review.pendingAlert")} />
      )}

      {entries.length > 0 && (
        <>
          <Divider titlePlacement="start">{t("review.entries")}</Divider>
          <List
            size="small"
            dataSource={entries}
            renderItem={(e) => (
              <List.Item
                actions={
                  e.effective
                    ? [
                        <Tag key="ok" color="green">
                          {t("review.confirmed")}
                        </Tag>,
                      ]
                    : e.enteredBy === me
                      ? [<Tag key="wait">{t("review.awaitingOther")}</Tag>]
                      : [
                          <Button
                            key="confirm"
                            size="small"
                            type="primary"
                            loading={confirm.isPending}
                            onClick={() => confirm.mutate({ ...key, entryId: e.id })}
                          >
                            {t("review.confirmEntry")}
                          </Button>,
                        ]
                }
              >
                <Space wrap size={4}>
                  <Tag>{e.kind}</Tag>
                  <span>
                    {e.indicator} {indicatorInfo(e.indicator, scheme).name}
                  </span>
                  <strong>
                    {e.event ? `${eventLabel(e.event)} × ${e.value}` : t("review.points", { n: e.value })}
                  </strong>
                  <Typography.Text type="secondary">
                    {t("review.reason", { reason: e.reason })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}

      <Divider titlePlacement="start">{t("flags.title")}</Divider>
      <ReviewFlags townshipId={row.townshipId} month={row.month} />

      <Divider titlePlacement="start">{t("review.liveIndicators")}</Divider>
      {preview.data && (
        <IndicatorTable
          townshipId={row.townshipId}
          rows={preview.data.indicators}
          metricOf={(c) => indicatorInfo(c, scheme).metric}
        />
      )}

      <Modal
        title={t("review.returnTitle")}
        open={returning}
        onCancel={() => setReturning(false)}
        onOk={() => returnForm.submit()}
        confirmLoading={ret.isPending}
        destroyOnHidden
      >
        <Form form={returnForm} layout="vertical" onFinish={(v) => ret.mutate({ ...key, reason: v.reason })}>
          <Form.Item
            name="reason"
            label={t("review.returnReason")}
            rules={[{ required: true, message: t("review.returnReasonRequired") }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t("review.manual")}
        open={entryKind === "manual"}
        onCancel={() => setEntryKind(null)}
        onOk={() => manualForm.submit()}
        confirmLoading={manual.isPending}
        destroyOnHidden
      >
        <Form form={manualForm} layout="vertical" onFinish={(v) => manual.mutate({ ...key, ...v })}>
          <Form.Item
            name="indicator"
            label={t("review.indicator")}
            rules={[{ required: true, message: t("review.indicatorRequired") }]}
          >
            <Select
              options={manualIndicators.map((i) => ({
                value: i.code,
                label: t("review.indicatorOption", { code: i.code, name: i.name, max: i.maxScore }),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="score"
            label={t("review.score")}
            rules={[{ required: true, message: t("review.scoreRequired") }]}
          >
            <InputNumber min={0} step={0.5} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("review.scoreReason")}
            rules={[{ required: true, message: t("review.scoreReasonRequired") }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t("review.adjustment")}
        open={entryKind === "adjustment"}
        onCancel={() => setEntryKind(null)}
        onOk={() => adjustForm.submit()}
        confirmLoading={adjust.isPending}
        destroyOnHidden
      >
        <Form
          form={adjustForm}
          layout="vertical"
          initialValues={{ count: 1 }}
          onFinish={(v) => adjust.mutate({ ...key, ...v })}
        >
          <Form.Item
            name="indicator"
            label={t("review.indicator")}
            rules={[{ required: true, message: t("review.indicatorRequired") }]}
          >
            <Select options={adjustable.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))} />
          </Form.Item>
          <Form.Item
            name="event"
            label={t("review.event")}
            rules={[{ required: true, message: t("review.eventRequired") }]}
          >
            <Select
              options={[...(adjustEvents?.bonuses ?? []), ...(adjustEvents?.deductions ?? [])].map((r) => ({
                value: r.event,
                label: t("review.eventOption", { event: eventLabel(r.event), points: r.points }),
              }))}
            />
          </Form.Item>
          <Form.Item name="count" label={t("review.count")}>
            <InputNumber min={1} max={100} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("review.adjustReason")}
            rules={[{ required: true, message: t("review.adjustReasonRequired") }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
