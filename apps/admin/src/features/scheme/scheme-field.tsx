import { Form, type FormItemProps } from "antd";
import { createContext, useContext } from "react";
import type { Locale } from "../../i18n/dictionary";
import { type IssueIndex, issueText } from "./issue-index";

export const IssuesContext = createContext<{ index: IssueIndex; locale: Locale }>({
  index: new Map(),
  locale: "zh-CN",
});

/** A form item that shows, next to itself, the validator's issues for its path. */
export function SchemeField({ path, ...props }: FormItemProps & { path: string }) {
  const { index, locale } = useContext(IssuesContext);
  const issues = index.get(path);
  return (
    <Form.Item
      {...props}
      validateStatus={issues ? "error" : undefined}
      help={issues ? issues.map((i) => issueText(i, locale)).join("；") : undefined}
      data-path={path}
    />
  );
}

/** Issues that belong to a whole section (e.g. "one band must have min 0"), shown above it. */
export function SectionIssues({ path }: { path: string }) {
  const { index, locale } = useContext(IssuesContext);
  const issues = index.get(path);
  if (!issues) return null;
  return (
    <div role="alert" className="ant-form-item-explain-error" style={{ marginBottom: 8 }} data-path={path}>
      {issues.map((i) => issueText(i, locale)).join("；")}
    </div>
  );
}
