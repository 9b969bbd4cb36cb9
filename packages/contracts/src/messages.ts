import type * as z from "zod";

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "是/否",
  object: "对象",
  array: "列表",
};

/**
 * A zod error function whose messages name the field in Chinese, e.g. 「人口」必须是整数. Used as the
 * schema-level `error` of every field so checks inherit it.
 */
export function fieldError(label: string) {
  return (issue: Issue): string => {
    const name = `「${label}」`;
    if (issue.input === undefined || issue.input === null) {
      if (issue.code === "invalid_type") return `${name}为必填项`;
    }
    switch (issue.code) {
      case "invalid_type":
        return `${name}应为${TYPE_NAMES[String(issue.expected)] ?? "正确的格式"}`;
      case "too_small": {
        const min = Number(issue.minimum);
        if (issue.origin === "string") return min <= 1 ? `${name}不能为空` : `${name}至少 ${min} 个字符`;
        if (issue.origin === "array" || issue.origin === "set") return `${name}至少 ${min} 项`;
        return issue.inclusive ? `${name}不能小于 ${min}` : `${name}必须大于 ${min}`;
      }
      case "too_big": {
        const max = Number(issue.maximum);
        if (issue.origin === "string") return `${name}不能超过 ${max} 个字符`;
        if (issue.origin === "array" || issue.origin === "set") return `${name}不能超过 ${max} 项`;
        return issue.inclusive ? `${name}不能大于 ${max}` : `${name}必须小于 ${max}`;
      }
      case "invalid_format":
        return `${name}格式不正确`;
      case "invalid_value":
        return `${name}的取值无效`;
      case "not_multiple_of":
        return `${name}的精度不正确`;
      default:
        return issue.message && !/^Invalid/.test(issue.message) ? `${name}${issue.message}` : `${name}无效`;
    }
  };
}

/** A message for the whole input (not an object at all, and the like). */
export const inputError = () => "提交的数据格式不正确";
