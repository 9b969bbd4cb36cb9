import type * as z from "zod";

/** A validation problem that names the record (its id, where it has one) and the field, in English and Chinese. */
export type ValidationIssue = {
  /** Dotted path into the input, e.g. `disputes[3].closedAt`. */
  path: string;
  /** The id of the record the problem is in, when the record has one. */
  record?: string;
  /** The field at fault (the last name in the path). */
  field: string;
  message: string;
  messageZh: string;
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(root)";
}

/** The record id at the first array step of a path into the raw input, if that element has a string id. */
export function recordIdAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  let node: unknown = input;
  let found: string | undefined;
  for (const step of path) {
    if (node === null || typeof node !== "object") break;
    node = (node as Record<PropertyKey, unknown>)[step as string];
    if (node && typeof node === "object" && !Array.isArray(node)) {
      const id = (node as { id?: unknown }).id ?? (node as { code?: unknown }).code;
      if (typeof id === "string" && found === undefined) found = id;
    }
  }
  return found;
}

export function fieldOf(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i];
    if (typeof p === "string") return p;
  }
  return "(root)";
}

export function issue(
  input: unknown,
  path: readonly PropertyKey[],
  message: string,
  messageZh: string,
): ValidationIssue {
  const record = recordIdAt(input, path);
  return {
    path: formatPath(path),
    ...(record === undefined ? {} : { record }),
    field: fieldOf(path),
    message,
    messageZh,
  };
}

const TYPE_ZH: Record<string, string> = {
  string: "文本",
  number: "数字",
  boolean: "是/否",
  object: "对象",
  array: "列表",
  undefined: "空",
};

/** Chinese wording for zod's issue codes; custom issues carry their own Chinese in `params.zh`. */
function zhMessage(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case "invalid_type":
      return i.input === undefined ? "必填" : `应为${TYPE_ZH[i.expected] ?? i.expected}`;
    case "too_small":
      return i.origin === "array" || i.origin === "string"
        ? `长度不能少于 ${String(i.minimum)}`
        : `不能小于${i.inclusive ? "" : "或等于"} ${String(i.minimum)}`;
    case "too_big":
      return i.origin === "array" || i.origin === "string"
        ? `长度不能超过 ${String(i.maximum)}`
        : `不能大于${i.inclusive ? "" : "或等于"} ${String(i.maximum)}`;
    case "invalid_value":
      return `取值应为 ${i.values.map((v) => JSON.stringify(v)).join("、")} 之一`;
    case "invalid_format":
      return "格式不正确";
    case "not_multiple_of":
      return "应为整数";
    case "unrecognized_keys":
      return `不认识的字段：${i.keys.join("、")}`;
    case "invalid_union":
      return "不符合任何一种允许的写法";
    case "custom":
      return (i.params?.zh as string | undefined) ?? i.message;
    default:
      return "取值不正确";
  }
}

/** Turns zod's issues into ours, naming the record by its id from the raw input. */
export function fromZodIssues(input: unknown, issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((i) => {
    const path = i.path as PropertyKey[];
    const record = recordIdAt(input, path);
    return {
      path: formatPath(path),
      ...(record === undefined ? {} : { record }),
      field: fieldOf(path),
      message: i.message,
      messageZh: `${formatPath(path)}：${zhMessage(i)}`,
    };
  });
}
