import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Typography } from "antd";
import { useTRPC } from "../api/trpc";
import { applyFieldErrors } from "../errors/form-errors";

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** First sign-in with an initial password, or any time: set a password of one's own. */
export function ChangePasswordPage({ required }: { required: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        message.success("密码已修改");
        form.resetFields();
        void qc.invalidateQueries(trpc.auth.me.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  return (
    <Card style={{ maxWidth: 420 }} title="修改密码">
      {required && (
        <Typography.Paragraph type="warning">
          首次登录请先将初始密码修改为只有您知道的密码。
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword })}
      >
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: "请填写当前密码" }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码（至少 8 位）"
          rules={[{ required: true, message: "请填写新密码" }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再次输入新密码"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: "请再次输入新密码" },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error("两次输入不一致")),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
