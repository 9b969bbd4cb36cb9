import { Col, Form, Input, InputNumber, Row } from "antd";
import { useI18n } from "../i18n/i18n-provider";

/**
 * A township's registration details (name, division code, population, villages, grids), under `prefix`
 * in the form's values when given: the registration form nests them under `township`.
 */
export function TownshipFields({ prefix }: { prefix?: string }) {
  const { t } = useI18n();
  const name = (field: string) => (prefix ? [prefix, field] : field);
  const required = (message: string) => [{ required: true, message }];
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item
          name={name("name")}
          label={t("register.name")}
          rules={required(t("register.nameRequired"))}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={name("code")}
          label={t("register.code")}
          rules={required(t("register.codeRequired"))}
        >
          <Input maxLength={9} inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col xs={8}>
        <Form.Item
          name={name("population")}
          label={t("register.population")}
          rules={required(t("register.required"))}
        >
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={8}>
        <Form.Item
          name={name("villages")}
          label={t("register.villages")}
          rules={required(t("register.required"))}
        >
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={8}>
        <Form.Item name={name("grids")} label={t("register.grids")} rules={required(t("register.required"))}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
