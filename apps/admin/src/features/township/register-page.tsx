import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Divider, Form, Input, InputNumber, Result, Row, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { RouterInputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { describeError } from "../../errors/error-messages";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";

type Values = Omit<RouterInputs["onboarding"]["registerTownship"], never>;

/** A township registers itself with the county's join code and waits, pending, for approval. */
export default function RegisterPage() {
  const trpc = useTRPC();
  const { locale } = useI18n();
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
          title="注册已提交，等待县级审核"
          subTitle={`${register.data.county.name}审核通过后，即可用刚才的手机号和密码登录使用全部功能。`}
          extra={
            <Link to="/sign-in">
              <Button type="primary">去登录</Button>
            </Link>
          }
          data-testid="register-pending"
        />
      </div>
    );

  return (
    <div style={{ maxWidth: 720, margin: "0 auto", padding: 16 }}>
      <Card>
        <Typography.Title level={3}>乡镇注册</Typography.Title>
        <Typography.Paragraph type="secondary">
          请向县委政法委（平安办）索取 8 位加入码。提交后由县级审核，审核通过前乡镇处于“待审核”状态。
        </Typography.Paragraph>
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
          <Form.Item name="joinCode" label="加入码" rules={[{ required: true, message: "请填写加入码" }]}>
            <Input maxLength={8} style={{ textTransform: "uppercase", maxWidth: 200 }} />
          </Form.Item>
          <Divider titlePlacement="start">乡镇信息</Divider>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["township", "name"]}
                label="乡镇名称"
                rules={[{ required: true, message: "请填写乡镇名称" }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["township", "code"]}
                label="乡镇区划代码（9 位）"
                rules={[{ required: true, message: "请填写区划代码" }]}
              >
                <Input maxLength={9} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={8}>
              <Form.Item
                name={["township", "population"]}
                label="常住人口"
                rules={[{ required: true, message: "必填" }]}
              >
                <InputNumber min={1} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={8}>
              <Form.Item
                name={["township", "villages"]}
                label="村（社区）数"
                rules={[{ required: true, message: "必填" }]}
              >
                <InputNumber min={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={8}>
              <Form.Item
                name={["township", "grids"]}
                label="网格数"
                rules={[{ required: true, message: "必填" }]}
              >
                <InputNumber min={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start">管理员账号</Divider>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["admin", "name"]}
                label="姓名"
                rules={[{ required: true, message: "请填写姓名" }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["admin", "phone"]}
                label="手机号（登录账号）"
                rules={[{ required: true, message: "请填写手机号" }]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="username" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={["admin", "email"]} label="电子邮箱">
                <Input autoComplete="email" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["admin", "password"]}
                label="密码"
                rules={[{ required: true, message: "请设置密码" }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={register.isPending} block>
            提交注册
          </Button>
          <div style={{ marginTop: 12, textAlign: "center" }}>
            <Link to="/sign-in">已有账号，去登录</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
