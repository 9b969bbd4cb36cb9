import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal } from "antd";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { showDate } from "../../shared/instant";

export type OffboardTarget = {
  id: string;
  name: string;
  version: number;
  purgeAfter: string | null;
};

type Values = { reason: string; confirmName: string };

/**
 * The platform's two offboarding steps, each confirmed by typing the county's name and giving a reason
 * (kept in the audit trail): 「停用」 makes the county read-only for the retention period, 「删除数据」
 * deletes everything of it once that period has passed.
 */
export function OffboardDialog({
  county,
  step,
  onClose,
}: {
  county: OffboardTarget;
  step: "offboard" | "purge";
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const done = (text: string) => {
    message.success(text);
    void qc.invalidateQueries(trpc.counties.pathFilter());
    onClose();
  };
  const offboard = useMutation(
    trpc.ops.offboardCounty.mutationOptions({
      onSuccess: (r) => done(t("offboard.done", { name: county.name, until: showDate(r.purgeAfter) })),
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const purge = useMutation(
    trpc.ops.purgeCounty.mutationOptions({
      onSuccess: () => done(t("offboard.purged", { name: county.name })),
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const busy = offboard.isPending || purge.isPending;
  return (
    <Modal
      open
      title={t(step === "offboard" ? "offboard.title" : "offboard.purgeTitle", { name: county.name })}
      okText={t(step === "offboard" ? "offboard.confirm" : "offboard.purgeConfirm")}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type={step === "offboard" ? "warning" : "error"}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          step === "offboard" ? t("offboard.explain") : t("offboard.purgeExplain", { name: county.name })
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          step === "offboard"
            ? offboard.mutate({ countyId: county.id, expectedVersion: county.version, reason: v.reason })
            : purge.mutate({ countyId: county.id, reason: v.reason })
        }
      >
        <Form.Item
          name="reason"
          label={t(step === "offboard" ? "offboard.reason" : "offboard.purgeReason")}
          rules={[{ required: true, whitespace: true, message: t("offboard.reasonRequired") }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item
          name="confirmName"
          label={t("offboard.typeName", { name: county.name })}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                v?.trim() === county.name
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("offboard.nameMismatch", { name: county.name }))),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
