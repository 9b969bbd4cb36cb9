import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Tag } from "antd";
import { useState } from "react";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";

/**
 * A locked month's automatic 迟报漏报 (the monthly close's): a reviewer may ask to waive it with a reason,
 * and a second, different reviewer confirms (双人复核), after which it no longer deducts.
 */
export function LateWaiver({ townshipId, month }: { townshipId: string; month: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const me = useSession().session?.user.id;
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const late = useQuery(trpc.submissions.lateReport.queryOptions({ townshipId, month }));
  const refresh = () => {
    void qc.invalidateQueries(trpc.submissions.pathFilter());
    void qc.invalidateQueries(trpc.league.pathFilter());
  };
  const request = useMutation(
    trpc.submissions.requestLateWaiver.mutationOptions({
      onSuccess: () => {
        message.success(t("review.waiverRequested"));
        setAsking(false);
        refresh();
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const confirm = useMutation(
    trpc.submissions.confirmLateWaiver.mutationOptions({
      onSuccess: () => {
        message.success(t("review.waiverConfirmed"));
        refresh();
      },
    }),
  );
  const l = late.data;
  if (!l) return null;
  const key = { townshipId, month, expectedVersion: l.version };
  return (
    <Alert
      type={l.waived ? "success" : "warning"}
      showIcon
      data-testid="late-report"
      title={
        l.waived
          ? t("review.lateWaived")
          : l.waiver
            ? t("review.latePendingWaiver", { reason: l.waiver.reason })
            : t("review.lateRecorded")
      }
      action={
        l.waived ? null : l.waiver ? (
          <Popconfirm title={t("review.confirmWaiver")} onConfirm={() => confirm.mutate(key)}>
            <Button size="small" loading={confirm.isPending} disabled={l.waiver.requestedBy === me}>
              {t("review.confirmWaiverButton")}
            </Button>
          </Popconfirm>
        ) : (
          <Space>
            <Tag color="red">{t("review.lateTag")}</Tag>
            <Button size="small" onClick={() => setAsking(true)}>
              {t("review.requestWaiver")}
            </Button>
            <Modal
              title={t("review.requestWaiver")}
              open={asking}
              onCancel={() => setAsking(false)}
              onOk={() => form.submit()}
              confirmLoading={request.isPending}
              destroyOnHidden
            >
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => request.mutate({ ...key, reason: v.reason })}
              >
                <Form.Item
                  name="reason"
                  label={t("review.waiverReason")}
                  rules={[{ required: true, message: t("review.waiverReasonRequired") }]}
                >
                  <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
                </Form.Item>
              </Form>
            </Modal>
          </Space>
        )
      }
    />
  );
}
