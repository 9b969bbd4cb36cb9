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
import { useTRPC } from "../../api/trpc";
import { useSession } from "../../auth/session-provider";
import { applyFieldErrors } from "../../errors/form-errors";
import { formatScore } from "../league/format-metric";
import { indicatorInfo } from "../league/indicator-info";
import { showInstant } from "../records/instant";
import { IndicatorBreakdown } from "./indicator-breakdown";
import { SUBMISSION_STATUS } from "./submission-status";

export type QueueRow = RouterOutputs["submissions"]["list"][number];
type Entry = QueueRow["manualScores"][number];

/** One township's month under review: its live score, the reviewers' entries and the decisions. */
export function ReviewDrawer({ row, scheme }: { row: QueueRow; scheme: Scheme | undefined }) {
  const trpc = useTRPC();
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
  const approve = useMutation(trpc.submissions.approve.mutationOptions({ onSuccess: done("已审核通过") }));
  const ret = useMutation(
    trpc.submissions.returnToTownship.mutationOptions({
      onSuccess: done("已退回乡镇"),
      onError: (e) => applyFieldErrors(returnForm, e),
    }),
  );
  const manual = useMutation(
    trpc.submissions.enterManualScore.mutationOptions({
      onSuccess: done("已录入，待另一名审核人员复核"),
      onError: (e) => applyFieldErrors(manualForm, e),
    }),
  );
  const adjust = useMutation(
    trpc.submissions.enterAdjustment.mutationOptions({
      onSuccess: done("已录入，待另一名审核人员复核"),
      onError: (e) => applyFieldErrors(adjustForm, e),
    }),
  );
  const confirm = useMutation(trpc.submissions.confirmEntry.mutationOptions({ onSuccess: done("已复核") }));

  const underReview = row.status === "submitted";
  const manualIndicators = scheme?.indicators.filter((i) => i.base.kind === "manual") ?? [];
  const adjustable =
    scheme?.indicators.filter((i) => (i.bonuses?.length ?? 0) + (i.deductions?.length ?? 0) > 0) ?? [];
  const adjustIndicator = Form.useWatch("indicator", adjustForm);
  const adjustEvents = scheme?.indicators.find((i) => i.code === adjustIndicator);
  const entries: (Entry & { kind: string })[] = [
    ...row.manualScores.map((e) => ({ ...e, kind: "人工评分" })),
    ...row.adjustments.map((e) => ({ ...e, kind: "加减分调整" })),
  ];

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label="状态">
          <Tag color={SUBMISSION_STATUS[row.status]?.color}>{SUBMISSION_STATUS[row.status]?.text}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="提交时间">{showInstant(row.submittedAt)}</Descriptions.Item>
        {preview.data && (
          <>
            <Descriptions.Item label="实时得分">
              <strong data-testid="review-total">{formatScore(preview.data.total)}</strong>（
              {preview.data.grade}）{preview.data.vetoed && <Tag color="red">一票否决</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="县内名次">
              {preview.data.rank} / {preview.data.townships}
            </Descriptions.Item>
          </>
        )}
        {row.returnReason && <Descriptions.Item label="退回理由">{row.returnReason}</Descriptions.Item>}
      </Descriptions>

      {underReview && (
        <Space wrap>
          <Popconfirm
            title="审核通过本月填报？"
            onConfirm={() => approve.mutate(key)}
            disabled={entries.some((e) => !e.effective)}
          >
            <Button type="primary" loading={approve.isPending} disabled={entries.some((e) => !e.effective)}>
              审核通过
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setReturning(true)}>
            退回
          </Button>
          {manualIndicators.length > 0 && <Button onClick={() => setEntryKind("manual")}>人工评分</Button>}
          {adjustable.length > 0 && <Button onClick={() => setEntryKind("adjustment")}>加减分调整</Button>}
        </Space>
      )}
      {entries.some((e) => !e.effective) && (
        <Alert type="warning" showIcon title="有人工评分或调整待第二名审核人员复核，复核后方可审核通过。" />
      )}

      {entries.length > 0 && (
        <>
          <Divider titlePlacement="start">人工评分与调整</Divider>
          <List
            size="small"
            dataSource={entries}
            renderItem={(e) => (
              <List.Item
                actions={
                  e.effective
                    ? [
                        <Tag key="ok" color="green">
                          已复核
                        </Tag>,
                      ]
                    : e.enteredBy === me
                      ? [<Tag key="wait">待他人复核</Tag>]
                      : [
                          <Button
                            key="confirm"
                            size="small"
                            type="primary"
                            loading={confirm.isPending}
                            onClick={() => confirm.mutate({ ...key, entryId: e.id })}
                          >
                            复核确认
                          </Button>,
                        ]
                }
              >
                <Space wrap size={4}>
                  <Tag>{e.kind}</Tag>
                  <span>
                    {e.indicator} {indicatorInfo(e.indicator, scheme).name}
                  </span>
                  <strong>{e.event ? `${eventLabel(e.event)} × ${e.value}` : `${e.value} 分`}</strong>
                  <Typography.Text type="secondary">理由：{e.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}

      <Divider titlePlacement="start">指标得分（实时）</Divider>
      {preview.data && (
        <IndicatorBreakdown
          townshipId={row.townshipId}
          rows={preview.data.indicators}
          metricOf={(c) => indicatorInfo(c, scheme).metric}
        />
      )}

      <Modal
        title="退回乡镇"
        open={returning}
        onCancel={() => setReturning(false)}
        onOk={() => returnForm.submit()}
        confirmLoading={ret.isPending}
        destroyOnHidden
      >
        <Form form={returnForm} layout="vertical" onFinish={(v) => ret.mutate({ ...key, reason: v.reason })}>
          <Form.Item name="reason" label="退回理由" rules={[{ required: true, message: "请写明退回理由" }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="人工评分"
        open={entryKind === "manual"}
        onCancel={() => setEntryKind(null)}
        onOk={() => manualForm.submit()}
        confirmLoading={manual.isPending}
        destroyOnHidden
      >
        <Form form={manualForm} layout="vertical" onFinish={(v) => manual.mutate({ ...key, ...v })}>
          <Form.Item name="indicator" label="指标" rules={[{ required: true, message: "请选择指标" }]}>
            <Select
              options={manualIndicators.map((i) => ({
                value: i.code,
                label: `${i.code} ${i.name}（满分 ${i.maxScore}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="score" label="分数" rules={[{ required: true, message: "请填写分数" }]}>
            <InputNumber min={0} step={0.5} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="reason" label="评分理由" rules={[{ required: true, message: "请写明评分理由" }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="加减分调整"
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
          <Form.Item name="indicator" label="指标" rules={[{ required: true, message: "请选择指标" }]}>
            <Select options={adjustable.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))} />
          </Form.Item>
          <Form.Item name="event" label="加减分事项" rules={[{ required: true, message: "请选择事项" }]}>
            <Select
              options={[...(adjustEvents?.bonuses ?? []), ...(adjustEvents?.deductions ?? [])].map((r) => ({
                value: r.event,
                label: `${eventLabel(r.event)}（每起 ${r.points} 分）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="count" label="次数">
            <InputNumber min={1} max={100} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="reason" label="调整理由" rules={[{ required: true, message: "请写明调整理由" }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
