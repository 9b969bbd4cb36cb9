import type { ValidationIssue } from "@pingan/domain";
import { stripPathPrefix } from "../../errors/error-messages";
import type { Locale } from "../../i18n/dictionary";

/** Validation issues by the dotted path of their field (`indicators[2].base.target`). */
export type IssueIndex = Map<string, ValidationIssue[]>;

export function indexIssues(issues: readonly ValidationIssue[]): IssueIndex {
  const map: IssueIndex = new Map();
  for (const i of issues) {
    const list = map.get(i.path);
    if (list) list.push(i);
    else map.set(i.path, [i]);
  }
  return map;
}

/** How many issues lie at or below a path. */
export function countUnder(index: IssueIndex, prefix: string): number {
  let n = 0;
  for (const [path, list] of index)
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) n += list.length;
  return n;
}

export function issueText(issue: ValidationIssue, locale: Locale): string {
  return locale === "en" ? issue.message : stripPathPrefix(issue.messageZh);
}
