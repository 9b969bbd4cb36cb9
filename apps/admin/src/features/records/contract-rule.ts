import type { FormRule } from "antd";

/** A zod field of the API's contract, seen only as far as checking a value goes. */
type Checkable = {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: { message: string }[] } };
};

/**
 * The API's own input rules as form rules: `const rule = contractRules(createDisputeInput)`, then
 * `rules={[rule("category")]}` checks the field as the API will, with the contract's Chinese message
 * naming the field. An empty value is left to the item's `required` rule (which speaks the UI's language).
 */
export function contractRules<S extends { shape: Record<string, Checkable> }>(schema: S) {
  return (name: keyof S["shape"] & string): FormRule => ({
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === "") return;
      const checked = schema.shape[name]?.safeParse(value);
      if (checked && !checked.success) throw new Error(checked.error.issues[0]?.message);
    },
  });
}

/**
 * A form item's name, label and rules in one: `<Form.Item {...field("subject", t(…), t(…Required))}>`
 * checks the field as the API will and, given a third argument, requires it with that message.
 */
export function contractFields<S extends { shape: Record<string, Checkable> }>(schema: S) {
  const rule = contractRules(schema);
  const field = (name: keyof S["shape"] & string, label: string, required?: string) => ({
    name,
    label,
    rules: required === undefined ? [rule(name)] : [rule(name), { required: true, message: required }],
  });
  return { rule, field };
}

/** A form item that must be filled, for forms without a contract schema at hand: name, label and rule. */
export const requiredField = (name: string, label: string, message: string) => ({
  name,
  label,
  rules: [{ required: true, message }],
});
