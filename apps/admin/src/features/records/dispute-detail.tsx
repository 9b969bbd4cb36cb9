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
import { nowInstant, showInstant } from "./instant";
import { InstantPicker } from "./instant-picker";
import {
  ATTEMPT_RESULT_COLORS,
  ATTEMPT_RESULT_LABELS,
  LEVEL_COLORS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
  options,
} from "./record-labels";

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
        <Descriptions.Item label="纠纷等级">
          <Tag color={LEVEL_COLORS[dispute.level]}>{LEVEL_LABELS[dispute.level]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="纠纷类别">{dispute.category}</Descriptions.Item>
        <Descriptions.Item label="当事人简况">{dispute.partiesBrief}</Descriptions.Item>
        {dispute.summary && <Descriptions.Item label="纠纷概要">{dispute.summary}</Descriptions.Item>}
        <Descriptions.Item label="上报时间">{showInstant(dispute.reportedAt)}</Descriptions.Item>
        <Descriptions.Item label="状态">
          {dispute.closedAt && dispute.outcome ? (
            <Tag color={dispute.outcome === "resolved" ? "green" : "orange"}>
              已办结 · {OUTCOME_LABELS[dispute.outcome]}（{showInstant(dispute.closedAt)}）
            </Tag>
          ) : (
            <Tag color="processing">办理中</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>

      <Divider titlePlacement="start">调解经过（{dispute.attempts.length} 次）</Divider>
      {dispute.attempts.length === 0 ? (
        <Typography.Text type="secondary">尚无调解记录</Typography.Text>
      ) : (
        <Timeline
          data-testid="attempts-timeline"
          items={dispute.attempts.map((a, i) => ({
            key: a.id,
            color: ATTEMPT_RESULT_COLORS[a.result],
            content: (
              <div>
                <Typography.Text strong>
                  第{i + 1}次 · {showInstant(a.at)}
                </Typography.Text>
                <div>
                  <Tag color={LEVEL_COLORS[a.level]}>{LEVEL_LABELS[a.level]}层级</Tag>
                  {a.mediator} · {ATTEMPT_RESULT_LABELS[a.result]}
                </div>
                {a.note && <Typography.Paragraph style={{ margin: 0 }}>{a.note}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
      {!dispute.closedAt && sameLevelAttempts < 3 && (
        <Alert
          type="info"
          showIcon
          title={`三三调处：本级已调处 ${sameLevelAttempts} 次，化解不成的，每级应调处不少于 3 次后再上交。`}
        />
      )}

      {!dispute.closedAt && mode === "none" && (
        <Space wrap>
          <Button type="primary" onClick={() => setMode("attempt")}>
            添加调解记录
          </Button>
          <Button onClick={() => setMode("close")}>办结</Button>
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
          <Form.Item name="at" label="调解时间" rules={[{ required: true, message: "请选择调解时间" }]}>
            <InstantPicker />
          </Form.Item>
          <Form.Item name="level" label="调解层级">
            <Radio.Group optionType="button" options={options(LEVEL_LABELS)} />
          </Form.Item>
          <Form.Item name="mediator" label="调解人" rules={[{ required: true, message: "请填写调解人" }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="result" label="调解结果">
            <Select options={options(ATTEMPT_RESULT_LABELS)} />
          </Form.Item>
          <Form.Item name="note" label="调解情况">
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={addAttempt.isPending}>
              保存调解记录
            </Button>
            <Button onClick={() => setMode("none")}>取消</Button>
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
          <Form.Item name="closedAt" label="办结时间" rules={[{ required: true, message: "请选择办结时间" }]}>
            <InstantPicker />
          </Form.Item>
          <Form.Item name="outcome" label="办结结果">
            <Radio.Group options={options(OUTCOME_LABELS)} />
          </Form.Item>
          <Form.Item name="closingNote" label="办结说明">
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={close.isPending}>
              确认办结
            </Button>
            <Button onClick={() => setMode("none")}>取消</Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
