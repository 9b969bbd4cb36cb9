import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { COUNTY_ROLES } from "../../api/roles";
import type { RouterOutputs } from "../../api/router-types";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { showDeadline, showInstant } from "../../shared/instant";
import { useDueMonth } from "../../shared/use-cycle";

type Appeal = RouterOutputs["appeals"]["list"][number];
type Outcome = "upheld" | "amended" | "rejected";

const STATUS_COLOR: Record<Appeal["status"], string> = {
  pending: "blue",
  upheld: "green",
  amended: "purple",
  rejected: "red",
};

/** The month before a `YYYY-MM`. */
function monthBefore(m: string): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, "0")}`;
}

function FileAppeal({ townshipId }: { townshipId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { dueMonth } = useDueMonth();
  const [form] = Form.useForm<{ month: string; indicator: string; reason: string; evidence?: string }>();
  const month = Form.useWatch("month", form);
  const months = dueMonth ? [dueMonth, monthBefore(dueMonth), monthBefore(monthBefore(dueMonth))] : [];
  const window = useQuery({
    ...trpc.appeals.window.queryOptions({ townshipId, month: month ?? "" }),
    enabled: !!month,
  });
  const file = useMutation(
    trpc.appeals.file.mutationOptions({
      onSuccess: () => {
        message.success(t("appeals.filed"));
        form.resetFields(["indicator", "reason", "evidence"]);
        void qc.invalidateQueries(trpc.appeals.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  return (
    <Card size="small" title={t("appeals.file")}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          file.mutate({
            townshipId,
            month: v.month,
            indicator: v.indicator,
            reason: v.reason,
            evidence: (v.evidence ?? "")
              .split(/[\s,，]+/)
              .filter(Boolean)
              .map((id) => ({ type: "event" as const, id })),
          })
        }
      >
        <Space wrap align="start">
          <Form.Item
            name="month"
            label={t("appeals.month")}
            rules={[{ required: true, message: t("appeals.monthRequired") }]}
          >
            <Select
              style={{ width: 140 }}
              options={months.map((m) => ({ value: m, label: m }))}
              data-testid="appeal-month"
            />
          </Form.Item>
          <Form.Item
            name="indicator"
            label={t("appeals.indicator")}
            rules={[{ required: true, message: t("appeals.indicatorRequired") }]}
          >
            <Select
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              options={(window.data?.indicators ?? []).map((i) => ({
                value: i.code,
                label: `${i.code} ${i.name}`,
              }))}
              data-testid="appeal-indicator"
            />
          </Form.Item>
        </Space>
        {window.data && (
          <Typography.Paragraph type={window.data.open ? "secondary" : "danger"} data-testid="appeal-window">
            {window.data.open
              ? window.data.closesAt
                ? t("appeals.openUntil", { at: showDeadline(window.data.closesAt) })
                : t("appeals.openUnpublished", { days: window.data.workingDays })
              : t("appeals.closed")}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label={t("appeals.reason")}
          rules={[{ required: true, message: t("appeals.reasonRequired") }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="evidence" label={t("appeals.evidence")} extra={t("appeals.evidenceHint")}>
          <Input />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={file.isPending}
          disabled={window.data?.open === false}
        >
          {t("appeals.submit")}
        </Button>
      </Form>
    </Card>
  );
}

function Decide({ appeal, onClose }: { appeal: Appeal; onClose: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    outcome: Outcome;
    reason: string;
    score?: number;
    event?: string;
    count?: number;
  }>();
  const outcome = Form.useWatch("outcome", form);
  const done = () => {
    void qc.invalidateQueries(trpc.appeals.pathFilter());
    onClose();
  };
  const decide = useMutation(
    trpc.appeals.decide.mutationOptions({
      onSuccess: () => {
        message.success(t("appeals.decided"));
        done();
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const confirm = useMutation(
    trpc.appeals.confirmAmendment.mutationOptions({
      onSuccess: () => {
        message.success(t("appeals.confirmed"));
        done();
      },
      onError: (e) => message.error(e.message),
    }),
  );
  const key = { townshipId: appeal.townshipId, appealId: appeal.id, expectedVersion: appeal.version };
  if (appeal.awaitingConfirmation && appeal.decision)
    return (
      <Modal
        open
        title={t("appeals.confirmTitle")}
        onCancel={onClose}
        onOk={() => confirm.mutate(key)}
        okText={t("appeals.confirm")}
        confirmLoading={confirm.isPending}
      >
        <Typography.Paragraph>
          {t("appeals.amendment", {
            value: appeal.decision.score ?? `${appeal.decision.event ?? ""} × ${appeal.decision.count ?? 0}`,
            reason: appeal.decision.reason,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t("appeals.confirmHint")}</Typography.Paragraph>
      </Modal>
    );
  return (
    <Modal
      open
      title={t("appeals.decideTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {appeal.month} · {appeal.indicator} · {appeal.reason}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: "amended" }}
        onFinish={(v) => decide.mutate({ ...key, ...v })}
      >
        <Form.Item name="outcome" label={t("appeals.outcome")}>
          <Radio.Group>
            {(["upheld", "amended", "rejected"] as const).map((o) => (
              <Radio key={o} value={o}>
                {t(`appeals.status.${o}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {outcome === "amended" && (
          <Space wrap>
            <Form.Item name="score" label={t("appeals.score")}>
              <InputNumber min={0} data-testid="appeal-score" />
            </Form.Item>
            <Form.Item name="event" label={t("appeals.event")}>
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="count" label={t("appeals.count")}>
              <InputNumber min={1} max={100} />
            </Form.Item>
          </Space>
        )}
        <Form.Item
          name="reason"
          label={t("appeals.decisionReason")}
          rules={[{ required: true, message: t("appeals.reasonRequired") }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 申诉: a township admin appeals an indicator's score of a month and follows its status; county reviewers
 * decide (an amendment is confirmed by a second reviewer).
 */
export default function AppealsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { session } = useSession();
  const isCounty = !!session && COUNTY_ROLES.includes(session.user.role);
  const townshipId = session?.user.townshipId;
  const [open, setOpen] = useState<Appeal | undefined>();
  const [pendingOnly, setPendingOnly] = useState(true);
  const queue = useQuery({ ...trpc.appeals.queue.queryOptions({ pendingOnly }), enabled: isCounty });
  const mine = useQuery({
    ...trpc.appeals.list.queryOptions({ townshipId: townshipId ?? "" }),
    enabled: !isCounty && !!townshipId,
  });
  const townships = useQuery({
    ...trpc.onboarding.listTownships.queryOptions({ status: "active" }),
    enabled: isCounty,
  });
  const names = new Map((townships.data ?? []).map((tw) => [tw.id, tw.name]));
  const data = (isCounty ? queue.data : mine.data) ?? [];
  const columns = [
    ...(isCounty
      ? [
          {
            title: t("appeals.township"),
            dataIndex: "townshipId",
            render: (id: string) => names.get(id) ?? id,
          },
        ]
      : []),
    { title: t("appeals.month"), dataIndex: "month" },
    { title: t("appeals.indicator"), dataIndex: "indicator" },
    { title: t("appeals.reason"), dataIndex: "reason" },
    { title: t("appeals.filedAt"), dataIndex: "filedAt", render: showInstant },
    {
      title: t("appeals.statusLabel"),
      render: (_: unknown, a: Appeal) => (
        <Space size={4} data-testid={`appeal-status-${a.indicator}`}>
          <Tag color={STATUS_COLOR[a.status]}>{t(`appeals.status.${a.status}`)}</Tag>
          {a.awaitingConfirmation && <Tag color="orange">{t("appeals.awaitingConfirmation")}</Tag>}
        </Space>
      ),
    },
    {
      title: t("appeals.decision"),
      render: (_: unknown, a: Appeal) => a.decision?.reason ?? "—",
    },
    ...(isCounty
      ? [
          {
            title: t("common.actions"),
            render: (_: unknown, a: Appeal) =>
              a.status === "pending" ? (
                <Button size="small" onClick={() => setOpen(a)}>
                  {a.awaitingConfirmation ? t("appeals.confirm") : t("appeals.decide")}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("appeals.title")}
      </Typography.Title>
      {!isCounty && townshipId && session?.user.role === "township_admin" && (
        <FileAppeal townshipId={townshipId} />
      )}
      <Card
        size="small"
        title={isCounty ? t("appeals.queue") : t("appeals.mine")}
        extra={
          isCounty && (
            <Radio.Group
              value={pendingOnly}
              onChange={(e) => setPendingOnly(e.target.value as boolean)}
              size="small"
            >
              <Radio.Button value={true}>{t("appeals.pendingOnly")}</Radio.Button>
              <Radio.Button value={false}>{t("appeals.all")}</Radio.Button>
            </Radio.Group>
          )
        }
      >
        <Table<Appeal>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data}
          pagination={false}
          data-testid="appeals-table"
        />
      </Card>
      {open && <Decide appeal={open} onClose={() => setOpen(undefined)} />}
    </Space>
  );
}
