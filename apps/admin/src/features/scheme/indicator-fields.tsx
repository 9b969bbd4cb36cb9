import { METRIC_LABELS, METRICS } from "@pingan/domain";
import { Col, Divider, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import type { MessageKey } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";
import { EventRuleList, EventSelect } from "./event-rule-list";
import { AddRowButton, RemoveRowButton } from "./list-buttons";
import { SchemeField, SectionIssues } from "./scheme-field";
import { useEventOptions } from "./work-item-list";

export const RULE_KINDS = ["full", "manual", "ratio", "ratio_inverse", "completion", "routine"] as const;

const METRIC_OPTIONS = METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] }));

const PERIODS = ["perMonth", "perQuarter", "perYear"] as const;
type Period = (typeof PERIODS)[number];
type DutyDraft = { event?: string } & Partial<Record<Period, number>>;

/**
 * How often a routine requirement is due (§10.1): per month, quarter or year, and how many times. The
 * period lives on the requirement itself (its one key of perMonth/perQuarter/perYear), the one source of
 * truth; switching the period moves the count to the other key.
 */
function DutyCount({ value, onChange }: { value?: DutyDraft; onChange?: (v: DutyDraft) => void }) {
  const { t } = useI18n();
  const period: Period = PERIODS.find((k) => value?.[k] !== undefined) ?? "perMonth";
  const count = value?.[period];
  const emit = (next: Period, n: number | null | undefined) =>
    onChange?.({ event: value?.event, ...(n === null || n === undefined ? {} : { [next]: n }) });
  return (
    <Space.Compact>
      <Select
        value={period}
        style={{ width: 100 }}
        aria-label={t("scheme.dutyPeriod")}
        onChange={(next: Period) => emit(next, count ?? 1)}
        options={PERIODS.map((k) => ({ value: k, label: t(`scheme.${k}`) }))}
      />
      <InputNumber
        value={count}
        min={0}
        style={{ width: 90 }}
        placeholder={t("scheme.times")}
        aria-label={t("scheme.times")}
        onChange={(n) => emit(period, n)}
      />
    </Space.Compact>
  );
}

/** One indicator's fields; `index` is its place in the scheme's indicator list. */
export function IndicatorFields({ index }: { index: number }) {
  const { t } = useI18n();
  const p = `indicators[${index}]`;
  const eventOptions = useEventOptions();
  return (
    <>
      <Row gutter={12}>
        <Col xs={12} md={4}>
          <SchemeField path={`${p}.code`} name={[index, "code"]} label={t("scheme.code")}>
            <Input />
          </SchemeField>
        </Col>
        <Col xs={24} md={14}>
          <SchemeField path={`${p}.name`} name={[index, "name"]} label={t("scheme.indicatorName")}>
            <Input />
          </SchemeField>
        </Col>
        <Col xs={12} md={6}>
          <SchemeField path={`${p}.maxScore`} name={[index, "maxScore"]} label={t("scheme.maxScore")}>
            <InputNumber style={{ width: "100%" }} />
          </SchemeField>
        </Col>
      </Row>
      <SchemeField path={`${p}.criteria`} name={[index, "criteria"]} label={t("scheme.criteria")}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </SchemeField>
      <SectionIssues path={`${p}.base`} />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <SchemeField path={`${p}.base.kind`} name={[index, "base", "kind"]} label={t("scheme.ruleKind")}>
            <Select
              options={RULE_KINDS.map((k) => ({ value: k, label: t(`scheme.rule.${k}` as MessageKey) }))}
              data-testid={`rule-kind-${index}`}
            />
          </SchemeField>
        </Col>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) => {
            const kind = getFieldValue(["indicators", index, "base", "kind"]) as string | undefined;
            return <BaseParams index={index} kind={kind} />;
          }}
        </Form.Item>
      </Row>
      <Divider titlePlacement="start" plain>
        {t("scheme.deductions")}
      </Divider>
      <EventRuleList name={[index, "deductions"]} path={`${p}.deductions`} withPoints />
      <Divider titlePlacement="start" plain>
        {t("scheme.bonuses")}
      </Divider>
      <EventRuleList name={[index, "bonuses"]} path={`${p}.bonuses`} withPoints />
      <Divider titlePlacement="start" plain>
        {t("scheme.zeroIf")}
      </Divider>
      <SchemeField path={`${p}.zeroIf`} name={[index, "zeroIf"]}>
        <Select mode="tags" options={eventOptions} aria-label={t("scheme.zeroIf")} />
      </SchemeField>
    </>
  );
}

function BaseParams({ index, kind }: { index: number; kind: string | undefined }) {
  const { t } = useI18n();
  const p = `indicators[${index}].base`;
  const usesMetric = kind === "ratio" || kind === "ratio_inverse" || kind === "completion";
  return (
    <>
      {usesMetric && (
        <Col xs={24} md={8}>
          <SchemeField path={`${p}.metric`} name={[index, "base", "metric"]} label={t("scheme.metric")}>
            <Select options={METRIC_OPTIONS} />
          </SchemeField>
        </Col>
      )}
      {(kind === "ratio" || kind === "ratio_inverse") && (
        <Col xs={12} md={4}>
          <SchemeField path={`${p}.target`} name={[index, "base", "target"]} label={t("scheme.target")}>
            <InputNumber style={{ width: "100%" }} step={0.01} data-testid={`target-${index}`} />
          </SchemeField>
        </Col>
      )}
      {kind === "ratio" && (
        <Col xs={12} md={4}>
          <SchemeField path={`${p}.floor`} name={[index, "base", "floor"]} label={t("scheme.floor")}>
            <InputNumber style={{ width: "100%" }} step={0.01} data-testid={`floor-${index}`} />
          </SchemeField>
        </Col>
      )}
      {kind === "ratio_inverse" && (
        <Col xs={12} md={4}>
          <SchemeField path={`${p}.ceiling`} name={[index, "base", "ceiling"]} label={t("scheme.ceiling")}>
            <InputNumber style={{ width: "100%" }} step={0.01} />
          </SchemeField>
        </Col>
      )}
      {usesMetric && (
        <Col xs={24} md={kind === "completion" ? 8 : 8}>
          <SchemeField
            path={`indicators[${index}].whenNoData`}
            name={[index, "whenNoData"]}
            label={t("scheme.whenNoData")}
          >
            <Select
              allowClear
              options={[
                { value: "full", label: t("scheme.whenNoData.full") },
                { value: "zero", label: t("scheme.whenNoData.zero") },
              ]}
            />
          </SchemeField>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) => (
              <NoDataSays
                metric={getFieldValue(["indicators", index, "base", "metric"]) as string | undefined}
                whenNoData={getFieldValue(["indicators", index, "whenNoData"]) as string | undefined}
              />
            )}
          </Form.Item>
        </Col>
      )}
      {kind === "routine" && (
        <Col xs={24} md={16}>
          <Form.Item label={t("scheme.required")} style={{ marginBottom: 0 }}>
            <SectionIssues path={`${p}.required`} />
            <Form.List name={[index, "base", "required"]}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap>
                      <SchemeField path={`${p}.required[${f.name}].event`} name={[f.name, "event"]}>
                        <EventSelect itemsOnly />
                      </SchemeField>
                      <SchemeField path={`${p}.required[${f.name}].perMonth`} name={[f.name]}>
                        <DutyCount />
                      </SchemeField>
                      <RemoveRowButton onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <AddRowButton onClick={() => add({})} />
                </>
              )}
            </Form.List>
          </Form.Item>
        </Col>
      )}
    </>
  );
}

/** What "no data" means for a metric, in words a county official reads (scoring.md §3: a zero denominator). */
const NO_DATA_WHEN: Record<string, MessageKey> = {
  "dispute.resolution_rate": "scheme.noData.disputesClosed",
  "dispute.on_time_rate": "scheme.noData.disputesClosed",
  "dispute.local_rate": "scheme.noData.disputesClosed",
  "dispute.attempts_rate": "scheme.noData.disputesFailed",
  "petition.first_handled_rate": "scheme.noData.petitionsReceived",
  "petition.settled_rate": "scheme.noData.petitionsClosed",
  "incident.rate_per_10k": "scheme.noData.population",
  "keyperson.visit_coverage": "scheme.noData.keyPersonsDue",
};

/** Says, for this indicator, what a month without data scores (the default is full marks). */
function NoDataSays({ metric, whenNoData }: { metric: string | undefined; whenNoData: string | undefined }) {
  const { t } = useI18n();
  const when = metric ? NO_DATA_WHEN[metric] : undefined;
  if (!when) return null;
  return (
    <Typography.Text type="secondary" data-testid="no-data-says" style={{ display: "block", marginTop: -16 }}>
      {t("scheme.noData.says", {
        when: t(when),
        result: whenNoData === "zero" ? t("scheme.whenNoData.zero") : t("scheme.whenNoData.full"),
      })}
    </Typography.Text>
  );
}
