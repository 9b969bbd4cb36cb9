/**
 * Flattens validation issues into what a form needs: messages per field path ("township.code") and
 * messages about the input as a whole. Works on zod issues and Standard Schema issues alike.
 */
export type FlatErrors = { formErrors: string[]; fieldErrors: Record<string, string[]> };

type AnyIssue = { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] };

export function flattenIssues(issues: readonly AnyIssue[]): FlatErrors {
  const out: FlatErrors = { formErrors: [], fieldErrors: {} };
  for (const issue of issues) {
    const path = (issue.path ?? []).map((p) => (typeof p === "object" && p !== null ? p.key : p));
    if (path.length === 0) {
      out.formErrors.push(issue.message);
      continue;
    }
    const key = path.map(String).join(".");
    const list = out.fieldErrors[key] ?? [];
    list.push(issue.message);
    out.fieldErrors[key] = list;
  }
  return out;
}
