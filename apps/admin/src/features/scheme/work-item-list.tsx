import { SYSTEM_EVENT_KINDS } from "@pingan/domain";
import { Form, Input, Space, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-provider";
import { EVENT_OPTIONS } from "../../shared/event-options";
import { AddRowButton, RemoveRowButton } from "./list-buttons";
import { SchemeField, SectionIssues } from "./scheme-field";

type Option = { value: string; label: string };
type DraftItem = { code?: string; name?: string };

/**
 * The event kinds the scheme being edited may name, from its own 纪实 items as typed so far: every item
 * (by name and code) and, for rules (not routine requirements), the kinds the system writes. A draft
 * without items (a scheme saved before schemes had them) keeps the engine's built-in list.
 */
export function useEventOptions({ itemsOnly = false } = {}): Option[] {
  const form = Form.useFormInstance();
  const items = Form.useWatch("items", { form, preserve: true }) as DraftItem[] | undefined;
  const { t } = useI18n();
  if (!items) return EVENT_OPTIONS;
  const own = items
    .filter((i): i is { code: string; name?: string } => typeof i?.code === "string" && i.code !== "")
    .map((i) => ({ value: i.code, label: `${i.name || i.code}（${i.code}）` }));
  if (itemsOnly) return own;
  const system = Object.entries(SYSTEM_EVENT_KINDS).map(([value, name]) => ({
    value,
    label: `${name}（${value}）· ${t("scheme.systemEvent")}`,
  }));
  return [...own, ...system];
}

/** 纪实事项: the county's vocabulary of work items, each a code, a Chinese name, what counts as done and who records it. */
export function WorkItemList() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t("scheme.itemsHint")}</Typography.Paragraph>
      <SectionIssues path="items" />
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space
                key={f.key}
                align="start"
                wrap
                style={{ display: "flex" }}
                data-testid={`work-item-${f.name}`}
              >
                <SchemeField
                  path={`items[${f.name}].code`}
                  name={[f.name, "code"]}
                  label={t("scheme.itemCode")}
                >
                  <Input style={{ width: 170 }} aria-label={t("scheme.itemCode")} />
                </SchemeField>
                <SchemeField
                  path={`items[${f.name}].name`}
                  name={[f.name, "name"]}
                  label={t("scheme.itemName")}
                >
                  <Input style={{ width: 170 }} aria-label={t("scheme.itemName")} />
                </SchemeField>
                <SchemeField
                  path={`items[${f.name}].done`}
                  name={[f.name, "done"]}
                  label={t("scheme.itemDone")}
                >
                  <Input style={{ width: 300 }} aria-label={t("scheme.itemDone")} />
                </SchemeField>
                <SchemeField
                  path={`items[${f.name}].recorder`}
                  name={[f.name, "recorder"]}
                  label={t("scheme.itemRecorder")}
                >
                  <Input style={{ width: 140 }} aria-label={t("scheme.itemRecorder")} />
                </SchemeField>
                <RemoveRowButton besideLabel onClick={() => remove(f.name)} />
              </Space>
            ))}
            <AddRowButton onClick={() => add({})} />
          </>
        )}
      </Form.List>
    </>
  );
}
