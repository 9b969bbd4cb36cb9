import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { nowInstant, showInstant } from "../../shared/instant";
import { InstantPicker } from "../../shared/instant-picker";
import {
  ATTEMPT_RESULT_COLORS,
  type ATTEMPT_RESULT_LABELS,
  LEVEL_COLORS,
  type OUTCOME_LABELS,
  options,
  recordLabels,
} from "../../shared/record-labels";
import { requiredField } from "./contract-rule";

export type Dispute = RouterOutputs["disputes"]["list"]["items"][number];

type AttemptValues = {
  at: string;
  level: Dispute["level"];
  mediator: string;
  result: keyof typeof ATTEMPT_RESULT_LABELS;
  note?: string;
};
type CloseValues = { closedAt: string; outcome: keyof typeof OUTCOME_LABELS; closingNote?: string };

/** One dispute: its facts, each mediation attempt on a timeline, and the forms to add one or close it. */
export function DisputeDetail({
  dispute,
  townshipId,
  onChanged,
}: {
  dispute: Dispute;
  townshipId: string;
  onChanged: (d: Dispute) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = recordLabels(t);
  const qc = useQueryClient();
  const [attemptForm] = Form.useForm<AttemptValues>();
  const [closeForm] = Form.useForm<CloseValues>();
  const [mode, setMode] = useState<"none" | "attempt" | "close">("none");
  const done = (d: Dispute) => {
    void qc.invalidateQueries(trpc.disputes.pathFilter());
    setMode("none");
    onChanged(d);
  };
  const addAttempt = useMutation(
    trpc.disputes.addAttempt.mutationOptions({
      onSuccess: done,
      onError: (e) => applyFieldErrors(attemptForm, e),
    }),
  );
  const close = useMutation(
    trpc.disputes.close.mutationOptions({ onSuccess: done, onError: (e) => applyFieldErrors(closeForm, e) }),
  );
  const sameLevelAttempts = dispute.attempts.filter((a) => a.level === dispute.level).length;

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("disputes.level")}>
          <Tag color={LEVEL_COLORS[dispute.level]}>{labels.level[dispute.level]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("disputes.category")}>{dispute.category}</Descriptions.Item>
        <Descriptions.Item label={t("disputes.parties")}>{dispute.partiesBrief}</Descriptions.Item>
        {dispute.summary && (
          <Descriptions.Item label={t("disputes.summary")}>{dispute.summary}</Descriptions.Item>
        )}
        <Descriptions.Item label={t("disputes.reportedAt")}>
          {showInstant(dispute.reportedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t("disputes.status")}>
          {dispute.closedAt && dispute.outcome ? (
            <Tag color={dispute.outcome === "resolved" ? "green" : "orange"}>
              {t("disputes.closedWith", {
                outcome: labels.outcome[dispute.outcome],
                at: showInstant(dispute.closedAt),
              })}
            </Tag>
          ) : (
            <Tag color="processing">{t("records.status.open")}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>

      <Divider titlePlacement="start">{t("disputes.attempts", { n: dispute.attempts.length })}</Divider>
      {dispute.attempts.length === 0 ? (
        <Typography.Text type="secondary">{t("disputes.noAttempts")}</Typography.Text>
      ) : (
        <Timeline
          data-testid="attempts-timeline"
          items={dispute.attempts.map((a, i) => ({
            key: a.id,
            color: ATTEMPT_RESULT_COLORS[a.result],
            content: (
              <div>
                <Typography.Text strong>
                  {t("disputes.attemptNo", { n: i + 1 })} · {showInstant(a.at)}
                </Typography.Text>
                <div>
                  <Tag color={LEVEL_COLORS[a.level]}>
                    {t("disputes.atLevel", { level: labels.level[a.level] })}
                  </Tag>
                  {a.mediator} · {labels.attemptResult[a.result]}
                </div>
                {a.note && <Typography.Paragraph style={{ margin: 0 }}>{a.note}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
      {!dispute.closedAt && sameLevelAttempts < 3 && (
        <Alert type="info" showIcon title={t("disputes.threeRule", { n: sameLevelAttempts })} />
      )}

      {!dispute.closedAt && mode === "none" && (
        <Space wrap>
          <Button type="primary" onClick={() => setMode("attempt")}>
            {t("disputes.addAttempt")}
          </Button>
          <Button onClick={() => setMode("close")}>{t("records.close")}</Button>
        </Space>
      )}

      {mode === "attempt" && (
        <Form<AttemptValues>
          form={attemptForm}
          layout="vertical"
          initialValues={{ at: nowInstant(), level: dispute.level, result: "partial" }}
          onFinish={(v) =>
            addAttempt.mutate({ townshipId, id: dispute.id, expectedVersion: dispute.version, ...v })
          }
        >
          <Form.Item {...requiredField("at", t("disputes.attemptAt"), t("disputes.attemptAtRequired"))}>
            <InstantPicker />
          </Form.Item>
          <Form.Item name="level" label={t("disputes.attemptLevel")}>
            <Radio.Group optionType="button" options={options(labels.level)} />
          </Form.Item>
          <Form.Item {...requiredField("mediator", t("disputes.mediator"), t("disputes.mediatorRequired"))}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="result" label={t("disputes.attemptResult")}>
            <Select options={options(labels.attemptResult)} />
          </Form.Item>
          <Form.Item name="note" label={t("disputes.attemptNote")}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={addAttempt.isPending}>
              {t("disputes.saveAttempt")}
            </Button>
            <Button onClick={() => setMode("none")}>{t("common.cancel")}</Button>
          </Space>
        </Form>
      )}

      {mode === "close" && (
        <Form<CloseValues>
          form={closeForm}
          layout="vertical"
          initialValues={{ closedAt: nowInstant(), outcome: "resolved" }}
          onFinish={(v) =>
            close.mutate({ townshipId, id: dispute.id, expectedVersion: dispute.version, ...v })
          }
        >
          <Form.Item {...requiredField("closedAt", t("records.closedAt"), t("records.closedAtRequired"))}>
            <InstantPicker />
          </Form.Item>
          <Form.Item name="outcome" label={t("disputes.outcome")}>
            <Radio.Group options={options(labels.outcome)} />
          </Form.Item>
          <Form.Item name="closingNote" label={t("records.closingNote")}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={close.isPending}>
              {t("disputes.confirmClose")}
            </Button>
            <Button onClick={() => setMode("none")}>{t("common.cancel")}</Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
