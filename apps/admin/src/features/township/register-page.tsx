import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Divider, Form, Input, Result, Row, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { RouterInputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { describeError } from "../../errors/error-messages";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { TownshipFields } from "../../shared/township-fields";

type Values = Omit<RouterInputs["onboarding"]["registerTownship"], never>;

/** A township registers itself with the county's join code and waits, pending, for approval. */
export default function RegisterPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [shownAtField, setShownAtField] = useState(false);
  const register = useMutation(
    trpc.onboarding.registerTownship.mutationOptions({
      meta: { silent: true },
      onMutate: () => setShownAtField(false),
      onError: (e) => setShownAtField(applyFieldErrors(form, e)),
    }),
  );
  // Errors about one field stand next to it; the banner is for the rest (a wrong join code, a duplicate).
  const failure = register.error && !shownAtField ? describeError(register.error, locale) : null;

  if (register.data)
    return (
      <div style={{ maxWidth: 560, margin: "48px auto", padding: 16 }}>
        <Result
          status="success"
          title={t("register.pendingTitle")}
          subTitle={t("register.pendingHint", { county: register.data.county.name })}
          extra={
            <Link to="/sign-in">
              <Button type="primary">{t("register.toSignIn")}</Button>
            </Link>
          }
          data-testid="register-pending"
        />
      </div>
    );

  return (
    <div style={{ maxWidth: 720, margin: "0 auto", padding: 16 }}>
      <Card>
        <Typography.Title level={3}>{t("register.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("register.intro")}</Typography.Paragraph>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure.title}
            description={failure.hint}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => register.mutate(v)}
          requiredMark="optional"
        >
          <Form.Item
            name="joinCode"
            label={t("register.joinCode")}
            rules={[{ required: true, message: t("register.joinCodeRequired") }]}
          >
            <Input maxLength={8} style={{ textTransform: "uppercase", maxWidth: 200 }} />
          </Form.Item>
          <Divider titlePlacement="start">{t("register.township")}</Divider>
          <TownshipFields prefix="township" />
          <Divider titlePlacement="start">{t("register.admin")}</Divider>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["admin", "name"]}
                label={t("register.adminName")}
                rules={[{ required: true, message: t("register.adminNameRequired") }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["admin", "phone"]}
                label={t("register.phone")}
                rules={[{ required: true, message: t("register.phoneRequired") }]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="username" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={["admin", "email"]} label={t("register.email")}>
                <Input autoComplete="email" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["admin", "password"]}
                label={t("register.password")}
                rules={[{ required: true, message: t("register.passwordRequired") }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={register.isPending} block>
            {t("register.submit")}
          </Button>
          <div style={{ marginTop: 12, textAlign: "center" }}>
            <Link to="/sign-in">{t("register.haveAccount")}</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
