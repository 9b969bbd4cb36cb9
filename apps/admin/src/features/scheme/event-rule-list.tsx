import { Form, InputNumber, Select, Space } from "antd";
import { useI18n } from "../../i18n/i18n-provider";
import { AddRowButton, RemoveRowButton } from "./list-buttons";
import { SchemeField } from "./scheme-field";
import { useEventOptions } from "./work-item-list";

/**
 * Picks an event kind by its Chinese name from the scheme's own items (and, for a rule, the system's
 * kinds); a kind the list does not know (from an import, a removed item) stays shown by its code.
 */
export function EventSelect({
  value,
  onChange,
  width = 260,
  itemsOnly = false,
}: {
  value?: string;
  onChange?: (v: string) => void;
  width?: number;
  /** A routine requirement names one of the scheme's items, never a system kind. */
  itemsOnly?: boolean;
}) {
  const known = useEventOptions({ itemsOnly });
  const options =
    value && !known.some((o) => o.value === value) ? [...known, { value, label: value }] : known;
  return (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      value={value}
      onChange={onChange}
      options={options}
      style={{ width }}
    />
  );
}

type Props = {
  /** Form name of the list, relative to the enclosing list if any. */
  name: (string | number)[];
  /** Dotted path of the list in the scheme, for the validator's issues. */
  path: string;
  /** Whether the rule has points (deductions, bonuses) or only a cap (vetoes). */
  withPoints: boolean;
  capLabel?: string;
};

/** Rows of "event, points each, cap": deductions, bonuses, vetoes. */
export function EventRuleList({ name, path, withPoints, capLabel }: Props) {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap style={{ display: "flex" }}>
              <SchemeField
                path={`${path}[${field.name}].event`}
                name={[field.name, "event"]}
                label={t("scheme.event")}
              >
                <EventSelect />
              </SchemeField>
              {withPoints && (
                <SchemeField
                  path={`${path}[${field.name}].points`}
                  name={[field.name, "points"]}
                  label={t("scheme.pointsEach")}
                >
                  <InputNumber step={0.5} style={{ width: 100 }} />
                </SchemeField>
              )}
              <SchemeField
                path={`${path}[${field.name}].cap`}
                name={[field.name, "cap"]}
                label={capLabel ?? t("scheme.cap")}
              >
                <InputNumber step={1} style={{ width: 100 }} />
              </SchemeField>
              <RemoveRowButton besideLabel onClick={() => remove(field.name)} />
            </Space>
          ))}
          <AddRowButton onClick={() => add({})} />
        </>
      )}
    </Form.List>
  );
}
