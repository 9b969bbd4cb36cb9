import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Typography } from "antd";
import { useTRPC } from "../api/trpc";
import { applyFieldErrors } from "../errors/form-errors";
import { useI18n } from "../i18n/i18n-provider";

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** First sign-in with an initial password, or any time: set a password of one's own. */
export function ChangePasswordPage({ required }: { required: boolean }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        message.success(t("password.changed"));
        form.resetFields();
        void qc.invalidateQueries(trpc.auth.me.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  return (
    <Card style={{ maxWidth: 420 }} title={t("password.title")}>
      {required && <Typography.Paragraph type="warning">{t("password.firstTime")}</Typography.Paragraph>}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword })}
      >
        <Form.Item
          name="currentPassword"
          label={t("password.current")}
          rules={[{ required: true, message: t("password.currentRequired") }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("password.new")}
          rules={[{ required: true, message: t("password.newRequired") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("password.confirm")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("password.confirmRequired") },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("password.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t("password.submit")}
        </Button>
      </Form>
    </Card>
  );
}
