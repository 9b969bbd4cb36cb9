import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { Link, useNavigate } from "react-router";
import { useSession } from "../api/session-provider";
import type { Session } from "../api/token-store";
import { useTRPC } from "../api/trpc";
import { useReturnPath } from "../auth/sign-out";
import { describeError } from "../errors/error-messages";
import { applyFieldErrors } from "../errors/form-errors";
import { useI18n } from "../i18n/i18n-provider";
import { homeFor } from "./nav-items";

type Values = { login: string; password: string };

export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const trpc = useTRPC();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation(
    trpc.auth.signIn.mutationOptions({
      meta: { silent: true },
      onSuccess: (data: Session) => {
        signIn(data);
        navigate(returnPath(data.user, homeFor(data.user.role)), { replace: true });
      },
      onError: (err) => {
        applyFieldErrors(form, err);
      },
    }),
  );
  const failure = mutation.error ? describeError(mutation.error, locale) : null;

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "#f5f7fa",
        padding: 16,
      }}
    >
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("signIn.title")}
          </Typography.Title>
          <Button
            size="small"
            type="text"
            icon={<TranslationOutlined />}
            onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
          >
            {t("app.switchLanguage")}
          </Button>
        </div>
        {failure && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            title={failure.title}
            description={failure.hint}
            data-testid="sign-in-error"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          onFinish={(v) => mutation.mutate(v)}
          requiredMark={false}
        >
          <Form.Item
            name="login"
            label={t("signIn.account")}
            rules={[{ required: true, message: t("signIn.required") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("signIn.password")}
            rules={[{ required: true, message: t("signIn.required") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t("signIn.submit")}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: "center" }}>
          <Link to="/register">{t("signIn.register")}</Link>
        </div>
      </Card>
    </div>
  );
}
