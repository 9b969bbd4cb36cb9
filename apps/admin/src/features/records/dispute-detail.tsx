import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Form,
  Input,
  Modal,
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
import { describeError } from "../../errors/error-messages";
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

type Level = Dispute["level"];
type AttemptValues = {
  at: string;
  mediator: string;
  result: keyof typeof ATTEMPT_RESULT_LABELS;
  note?: string;
};
type CloseValues = {
  closedAt: string;
  outcome: keyof typeof OUTCOME_LABELS;
  closingNote?: string;
  shortfallReason?: string;
};
type EscalateValues = {
  at: string;
  level: Level;
  reason: string;
  caseLeaderId?: string;
  shortfallReason?: string;
};
type Option = { value: string; label: string };

const LEVELS: readonly Level[] = ["blue", "yellow", "red"];
const SHORTFALL = "DISPUTE.THREE_THREE_SHORTFALL";
/** The API's 三三调处 answer (fewer attempts at the level than the scheme asks): its message, else null. */
function shortfallOf(err: unknown): string | null {
  const data = (err as { data?: { appCode?: string } } | undefined)?.data;
  return data?.appCode === SHORTFALL && err instanceof Error ? err.message : null;
}

/** One step of the timeline: a mediation attempt (numbered in the order recorded) or an escalation. */
type Step =
  | { kind: "attempt"; at: string; n: number; attempt: Dispute["attempts"][number] }
  | { kind: "escalation"; at: string; step: NonNullable<Dispute["escalations"]>[number] };
function timeline(d: Dispute): Step[] {
  const steps: Step[] = [
    ...d.attempts.map((attempt, i) => ({ kind: "attempt" as const, at: attempt.at, n: i + 1, attempt })),
    ...(d.escalations ?? []).map((step) => ({ kind: "escalation" as const, at: step.at, step })),
  ];
  // Stable: equal times keep attempts before the escalation that followed them.
  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The township's leaders (who may lead a red case) and people's names, asked only when `enabled` (the
 * dispute names a 包案领导, or the escalation dialog is open).
 */
function useCaseLeaders(townshipId: string, enabled: boolean) {
  const trpc = useTRPC();
  const org = useQuery({ ...trpc.organisation.get.queryOptions({ townshipId }), enabled });
  const staff = org.data?.staff ?? [];
  return {
    loaded: org.isSuccess,
    leaders: staff.filter((s) => s.leader).map((s) => ({ value: s.userId, label: s.name })),
    nameOf: (userId: string) => staff.find((s) => s.userId === userId)?.name ?? "—",
    villageLeaderOf: (villageId: string | undefined) =>
      org.data?.villages.find((v) => v.id === villageId)?.leaderId ?? undefined,
  };
}

/**
 * 包案领导 of a dispute going to red: one of the township's leaders, preselected with `preset` when that
 * one is a leader. The field is registered once the leaders are known, so the preset is its initial value
 * whether they came from the cache or arrive later.
 */
function CaseLeaderField(p: { leaders: Option[]; loaded: boolean; preset: string | undefined }) {
  const { t } = useI18n();
  const label = t("org.caseLeader");
  if (!p.loaded)
    return (
      <Form.Item key="loading" label={label}>
        <Select loading disabled aria-label={label} />
      </Form.Item>
    );
  const known = p.leaders.some((l) => l.value === p.preset);
  return (
    <Form.Item
      key="leader"
      name="caseLeaderId"
      label={label}
      extra={t("disputes.caseLeaderHint")}
      initialValue={known ? p.preset : undefined}
    >
      <Select allowClear showSearch={{ optionFilterProp: "label" }} options={p.leaders} aria-label={label} />
    </Form.Item>
  );
}

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
  const [escalateForm] = Form.useForm<EscalateValues>();
  const [mode, setMode] = useState<"none" | "attempt" | "close" | "escalate">("none");
  const escalateLevel = Form.useWatch("level", escalateForm);
  const caseLeaders = useCaseLeaders(
    townshipId,
    mode === "escalate" ||
      Boolean(dispute.caseLeaderId) ||
      (dispute.escalations ?? []).some((e) => Boolean(e.caseLeaderId)),
  );
  /** The API's 三三调处 message for the step under way: shown, and the step asks to confirm with a reason. */
  const [shortfall, setShortfall] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const open = (m: typeof mode) => {
    setShortfall(null);
    setFailure(null);
    setMode(m);
  };
  const done = (d: Dispute) => {
    void qc.invalidateQueries(trpc.disputes.pathFilter());
    open("none");
    onChanged(d);
  };
  /** A refused close or escalation: the 三三调处 confirmation, a field's error, or a message in place. */
  const refused = (form: Parameters<typeof applyFieldErrors>[0]) => (e: unknown) => {
    const message = shortfallOf(e);
    if (message) return setShortfall(message);
    if (!applyFieldErrors(form, e)) setFailure(describeError(e).title);
  };
  const addAttempt = useMutation(
    trpc.disputes.addAttempt.mutationOptions({
      onSuccess: done,
      onError: (e) => applyFieldErrors(attemptForm, e),
    }),
  );
  const close = useMutation(
    trpc.disputes.close.mutationOptions({
      onSuccess: done,
      onError: refused(closeForm),
      meta: { silent: true },
    }),
  );
  const escalate = useMutation(
    trpc.disputes.escalate.mutationOptions({
      onSuccess: done,
      onError: refused(escalateForm),
      meta: { silent: true },
    }),
  );
  const sameLevelAttempts = dispute.attempts.filter((a) => a.level === dispute.level).length;
  const higher = LEVELS.slice(LEVELS.indexOf(dispute.level) + 1);
  const confirm = shortfall
    ? { confirmShortfall: true }
    : { confirmShortfall: false, shortfallReason: undefined };
  const shortfallPrompt = shortfall && (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="shortfall-alert"
        style={{ marginBottom: 16 }}
        title={shortfall}
        description={t("disputes.shortfallNote")}
      />
      <Form.Item
        {...requiredField(
          "shortfallReason",
          t("disputes.shortfallReason"),
          t("disputes.shortfallReasonRequired"),
        )}
      >
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </>
  );
  const failed = failure && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={failure} />;

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
        {dispute.caseLeaderId && (
          <Descriptions.Item label={t("org.caseLeader")}>
            <span data-testid="dispute-case-leader">{caseLeaders.nameOf(dispute.caseLeaderId)}</span>
          </Descriptions.Item>
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
      {dispute.attempts.length === 0 && !dispute.escalations?.length ? (
        <Typography.Text type="secondary">{t("disputes.noAttempts")}</Typography.Text>
      ) : (
        <Timeline
          data-testid="attempts-timeline"
          items={timeline(dispute).map((s) =>
            s.kind === "attempt"
              ? {
                  key: s.attempt.id,
                  color: ATTEMPT_RESULT_COLORS[s.attempt.result],
                  content: (
                    <div data-testid="timeline-attempt">
                      <Typography.Text strong>
                        {t("disputes.attemptNo", { n: s.n })} · {showInstant(s.attempt.at)}
                      </Typography.Text>
                      <div>
                        <Tag color={LEVEL_COLORS[s.attempt.level]}>
                          {t("disputes.atLevel", { level: labels.level[s.attempt.level] })}
                        </Tag>
                        {s.attempt.mediator} · {labels.attemptResult[s.attempt.result]}
                      </div>
                      {s.attempt.note && (
                        <Typography.Paragraph style={{ margin: 0 }}>{s.attempt.note}</Typography.Paragraph>
                      )}
                    </div>
                  ),
                }
              : {
                  key: s.step.id,
                  color: "orange",
                  content: (
                    <div data-testid="timeline-escalation">
                      <Typography.Text strong>
                        {t("disputes.escalated", { at: showInstant(s.step.at) })}
                      </Typography.Text>
                      <div>
                        <Tag color={LEVEL_COLORS[s.step.from]}>{labels.level[s.step.from]}</Tag>→{" "}
                        <Tag color={LEVEL_COLORS[s.step.to]}>{labels.level[s.step.to]}</Tag>
                      </div>
                      <Typography.Paragraph style={{ margin: 0 }}>{s.step.reason}</Typography.Paragraph>
                      {s.step.caseLeaderId && (
                        <Typography.Text type="secondary">
                          {t("disputes.stepCaseLeader", { name: caseLeaders.nameOf(s.step.caseLeaderId) })}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                },
          )}
        />
      )}
      {(dispute.shortfalls ?? []).map((f) => (
        <Alert
          key={`${f.step}-${f.at}`}
          type="warning"
          showIcon
          data-testid="dispute-shortfall"
          title={t("disputes.shortfall", {
            level: labels.level[f.level],
            n: f.attempts,
            min: f.minAttempts,
            reason: f.reason,
          })}
        />
      ))}
      {!dispute.closedAt && sameLevelAttempts < 3 && (
        <Alert type="info" showIcon title={t("disputes.threeRule", { n: sameLevelAttempts })} />
      )}

      {!dispute.closedAt && mode === "none" && (
        <Space wrap>
          <Button type="primary" onClick={() => open("attempt")}>
            {t("disputes.addAttempt")}
          </Button>
          {higher.length > 0 && <Button onClick={() => open("escalate")}>{t("disputes.escalate")}</Button>}
          <Button onClick={() => open("close")}>{t("records.close")}</Button>
        </Space>
      )}

      {mode === "attempt" && (
        <Form<AttemptValues>
          form={attemptForm}
          // Each opening starts from its initial values (now): a kept time would date every attempt at the first.
          preserve={false}
          layout="vertical"
          initialValues={{ at: nowInstant(), result: "partial" }}
          onFinish={(v) =>
            addAttempt.mutate({ townshipId, id: dispute.id, expectedVersion: dispute.version, ...v })
          }
        >
          <Form.Item {...requiredField("at", t("disputes.attemptAt"), t("disputes.attemptAtRequired"))}>
            <InstantPicker />
          </Form.Item>
          <Form.Item label={t("disputes.attemptLevel")}>
            <Tag color={LEVEL_COLORS[dispute.level]}>
              {t("disputes.currentLevel", { level: labels.level[dispute.level] })}
            </Tag>
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
            <Button onClick={() => open("none")}>{t("common.cancel")}</Button>
          </Space>
        </Form>
      )}

      {mode === "close" && (
        <Form<CloseValues>
          form={closeForm}
          preserve={false}
          layout="vertical"
          initialValues={{ closedAt: nowInstant(), outcome: "resolved" }}
          onFinish={(v) =>
            close.mutate({ townshipId, id: dispute.id, expectedVersion: dispute.version, ...v, ...confirm })
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
          {failed}
          {shortfallPrompt}
          <Space>
            <Button type="primary" htmlType="submit" loading={close.isPending}>
              {t(shortfall ? "disputes.shortfallConfirm" : "disputes.confirmClose")}
            </Button>
            <Button onClick={() => open("none")}>{t("common.cancel")}</Button>
          </Space>
        </Form>
      )}

      {mode === "escalate" && (
        <Modal
          open
          title={t("disputes.escalateTitle")}
          okText={t(shortfall ? "disputes.shortfallConfirm" : "disputes.escalate")}
          okButtonProps={{ loading: escalate.isPending }}
          onOk={() => escalateForm.submit()}
          onCancel={() => open("none")}
          destroyOnHidden
        >
          <Form<EscalateValues>
            form={escalateForm}
            preserve={false}
            layout="vertical"
            initialValues={{ at: nowInstant(), level: higher[0] }}
            onFinish={(v) =>
              escalate.mutate({
                townshipId,
                id: dispute.id,
                expectedVersion: dispute.version,
                ...v,
                ...confirm,
              })
            }
          >
            <Form.Item name="level" label={t("disputes.escalateLevel")}>
              <Radio.Group
                optionType="button"
                options={higher.map((l) => ({ value: l, label: labels.level[l] }))}
              />
            </Form.Item>
            {escalateLevel === "red" && (
              <CaseLeaderField
                leaders={caseLeaders.leaders}
                loaded={caseLeaders.loaded}
                preset={dispute.caseLeaderId ?? caseLeaders.villageLeaderOf(dispute.villageId)}
              />
            )}
            <Form.Item {...requiredField("at", t("disputes.escalateAt"), t("disputes.escalateAtRequired"))}>
              <InstantPicker />
            </Form.Item>
            <Form.Item
              {...requiredField("reason", t("disputes.escalateReason"), t("disputes.escalateReasonRequired"))}
            >
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
            </Form.Item>
            {failed}
            {shortfallPrompt}
          </Form>
        </Modal>
      )}
    </Space>
  );
}
