import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { type ParseResult, parseScheme, type Scheme } from "@pingan/domain";
import { Alert, Badge, Button, Card, Col, Collapse, Form, Input, InputNumber, Row, Space } from "antd";
import { useMemo, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { EventRuleList } from "./event-rule-list";
import { IndicatorFields } from "./indicator-fields";
import { countUnder, indexIssues, issueText } from "./issue-index";
import { issuePlace } from "./issue-place";
import { AddRowButton, RemoveRowButton } from "./list-buttons";
import { normalizeDraft } from "./normalize-draft";
import { IssuesContext, SchemeField, SectionIssues } from "./scheme-field";
import { WorkItemList } from "./work-item-list";

type Props = {
  initial: unknown;
  onChange?: (draft: unknown, result: ParseResult<Scheme>) => void;
};

/** The year's scheme as a form, checked against the scoring rules on every change. */
export function SchemeEditor({ initial, onChange }: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const [checked, setChecked] = useState(() => {
    const draft = normalizeDraft(initial);
    return { draft, result: parseScheme(draft) };
  });
  const result: ParseResult<Scheme> = checked.result;
  const index = useMemo(() => indexIssues(result.ok ? [] : result.issues), [result]);
  const issues = result.ok ? [] : result.issues;

  const revalidate = () => {
    const draft = normalizeDraft(form.getFieldsValue(true));
    const next = parseScheme(draft);
    setChecked({ draft, result: next });
    onChange?.(draft, next);
  };

  return (
    <IssuesContext.Provider value={{ index, locale }}>
      {result.ok ? (
        <Alert type="success" showIcon title={t("scheme.valid")} data-testid="scheme-status" />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="scheme-status"
          title={t("scheme.invalid", { n: issues.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {issues.slice(0, 8).map((i) => (
                <li key={`${i.path}|${i.message}`}>
                  {issuePlace(i.path, checked.draft, locale)}
                  {locale === "en" ? ": " : "："}
                  {issueText(i, locale)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial as Record<string, unknown>}
        onValuesChange={revalidate}
        style={{ marginTop: 16 }}
      >
        <Card size="small" title={t("scheme.basics")}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <SchemeField path="name" name="name" label={t("scheme.name")}>
                <Input />
              </SchemeField>
            </Col>
            <Col xs={8} md={4}>
              <SchemeField path="year" name="year" label={t("scheme.year")}>
                <InputNumber style={{ width: "100%" }} />
              </SchemeField>
            </Col>
            <Col xs={8} md={4}>
              <SchemeField path="version" name="version" label={t("scheme.version")}>
                <InputNumber style={{ width: "100%" }} />
              </SchemeField>
            </Col>
            <Col xs={8} md={4}>
              <SchemeField path="bonusCap" name="bonusCap" label={t("scheme.bonusCap")}>
                <InputNumber style={{ width: "100%" }} />
              </SchemeField>
            </Col>
          </Row>
          <Row gutter={12}>
            {(["blue", "yellow", "red"] as const).map((level) => (
              <Col xs={8} md={4} key={level}>
                <SchemeField
                  path={`deadlines.${level}`}
                  name={["deadlines", level]}
                  label={`${t("scheme.deadlines")}·${t(`scheme.deadline.${level}`)}`}
                >
                  <InputNumber style={{ width: "100%" }} />
                </SchemeField>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <SchemeField path="minAttempts" name="minAttempts" label={t("scheme.minAttempts")}>
                <InputNumber style={{ width: "100%" }} />
              </SchemeField>
            </Col>
            <Col xs={12} md={6}>
              <SchemeField
                path="petitionFirstHandleDays"
                name="petitionFirstHandleDays"
                label={t("scheme.petitionDays")}
              >
                <InputNumber style={{ width: "100%" }} />
              </SchemeField>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t("scheme.gradeBands")} style={{ marginTop: 16 }}>
          <SectionIssues path="gradeBands" />
          <Form.List name="gradeBands">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <SchemeField
                      path={`gradeBands[${f.name}].grade`}
                      name={[f.name, "grade"]}
                      label={t("scheme.grade")}
                    >
                      <Input style={{ width: 140 }} />
                    </SchemeField>
                    <SchemeField
                      path={`gradeBands[${f.name}].min`}
                      name={[f.name, "min"]}
                      label={t("scheme.min")}
                    >
                      <InputNumber style={{ width: 120 }} />
                    </SchemeField>
                    <RemoveRowButton besideLabel onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <div>
                  <AddRowButton onClick={() => add({})} />
                </div>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t("scheme.items")} style={{ marginTop: 16 }} data-testid="scheme-items">
          <WorkItemList />
        </Card>

        <Card size="small" title={t("scheme.indicators")} style={{ marginTop: 16 }}>
          <SectionIssues path="indicators" />
          <Form.List name="indicators">
            {(fields, { add, remove }) => (
              <>
                <Collapse
                  items={fields.map((f) => {
                    const code = form.getFieldValue(["indicators", f.name, "code"]) as string | undefined;
                    const name = form.getFieldValue(["indicators", f.name, "name"]) as string | undefined;
                    const max = form.getFieldValue(["indicators", f.name, "maxScore"]) as number | undefined;
                    const n = countUnder(index, `indicators[${f.name}]`);
                    return {
                      key: String(f.key),
                      label: (
                        <Space data-testid={`indicator-header-${f.name}`}>
                          <span>
                            {code ?? "?"} {name ?? ""}{" "}
                            {max !== undefined && max !== null ? `（${max}分）` : ""}
                          </span>
                          {n > 0 && <Badge count={n} title={t("scheme.invalid", { n })} />}
                        </Space>
                      ),
                      extra: (
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          aria-label={t("scheme.remove")}
                          onClick={(e) => {
                            e.stopPropagation();
                            remove(f.name);
                          }}
                        />
                      ),
                      children: <IndicatorFields index={f.name} />,
                    };
                  })}
                />
                <Button
                  style={{ marginTop: 12 }}
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ base: { kind: "full" } })}
                >
                  {t("scheme.addIndicator")}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t("scheme.vetoes")} style={{ marginTop: 16 }}>
          <EventRuleList name={["vetoes"]} path="vetoes" withPoints={false} capLabel={t("scheme.vetoCap")} />
        </Card>
      </Form>
    </IssuesContext.Provider>
  );
}
