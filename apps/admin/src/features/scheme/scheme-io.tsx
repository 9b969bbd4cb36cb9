import { CloudDownloadOutlined, CloudUploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Select, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { describeError, stripPathPrefix } from "../../errors/error-messages";
import { useI18n } from "../../i18n/i18n-provider";
import { downloadBlob } from "../../shared/download-file";
import { issuePlace } from "./issue-place";

type Saved = RouterOutputs["schemes"]["import"];

/** One problem the API found in an imported file: where (as the domain names it) and what. */
export type ImportIssue = { path: string; message: string };

/** `scheme.indicators.1.base.target` → `indicators[1].base.target`; the body's root is `(root)`. */
function domainPath(key: string): string {
  if (key === "scheme") return "(root)";
  const rest = key.startsWith("scheme.") ? key.slice("scheme.".length) : key;
  return rest.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/**
 * The validation issues in a failed import's error data (the API flattens them by field path), in the
 * domain's own path notation with the Chinese message.
 */
export function importIssues(err: unknown): ImportIssue[] {
  const data = (err as { data?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } }).data;
  const out: ImportIssue[] = [];
  for (const [key, messages] of Object.entries(data?.fieldErrors ?? {}))
    for (const m of messages ?? []) out.push({ path: domainPath(key), message: stripPathPrefix(m) });
  for (const m of data?.formErrors ?? []) out.push({ path: "(root)", message: stripPathPrefix(m) });
  return out;
}

type Outcome =
  | { kind: "saved"; saved: Saved }
  | { kind: "notJson" }
  | { kind: "failed"; err: unknown; file: unknown };

type Props = {
  /** The year the editor's draft is for; the section starts there. */
  draftYear: number;
  /** Only the county admin may import (save); reviewers may export. */
  canImport: boolean;
  /** Puts a saved scheme into the editor. */
  onOpen: (scheme: unknown) => void;
};

/** 已保存细则的导入导出: the saved scheme of a year as a JSON file, and a JSON file saved as a new version. */
export function SchemeIo({ draftYear, canImport, onOpen }: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { t, locale } = useI18n();
  const [year, setYear] = useState(draftYear);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [exporting, setExporting] = useState(false);
  const list = useQuery({ ...trpc.schemes.list.queryOptions(), meta: { silent: true } });
  const versionOf = (y: number) =>
    (list.data ?? []).filter((v) => v.year === y).reduce((m, v) => Math.max(m, v.version), 0);
  const saved = versionOf(year);
  const thisYear = new Date().getFullYear();
  const years = [
    ...new Set([draftYear, thisYear - 1, thisYear, thisYear + 1, ...(list.data ?? []).map((v) => v.year)]),
  ].sort((a, b) => b - a);

  const importFile = useMutation({
    ...trpc.schemes.import.mutationOptions(),
    meta: { silent: true },
  });

  const upload = async (file: File) => {
    setOutcome(null);
    const text = await file.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setOutcome({ kind: "notJson" });
      return;
    }
    importFile.mutate(
      { year, expectedVersion: saved, json: text },
      {
        onSuccess: (s) => {
          setOutcome({ kind: "saved", saved: s });
          void qc.invalidateQueries(trpc.schemes.pathFilter());
        },
        onError: (err) => setOutcome({ kind: "failed", err, file: parsed }),
      },
    );
  };

  const download = async () => {
    setExporting(true);
    try {
      const file = await qc.fetchQuery({ ...trpc.schemes.export.queryOptions({ year }), staleTime: 0 });
      downloadBlob(new Blob([file.json], { type: "application/json" }), file.fileName);
    } catch {
      // The query cache has told the user what went wrong.
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card size="small" title={t("schemeIo.title")} data-testid="scheme-io">
      <Typography.Paragraph type="secondary">{t("schemeIo.hint")}</Typography.Paragraph>
      <Space wrap>
        <Select
          aria-label={t("schemeIo.year")}
          value={year}
          style={{ width: 120 }}
          onChange={(y) => {
            setYear(y);
            setOutcome(null);
          }}
          options={years.map((y) => ({ value: y, label: t("schemeIo.yearOption", { year: y }) }))}
        />
        <Tag color={saved > 0 ? "blue" : undefined} data-testid="scheme-io-version">
          {saved > 0 ? t("schemeIo.savedVersion", { n: saved }) : t("schemeIo.noneSaved")}
        </Tag>
        <Button
          icon={<CloudDownloadOutlined />}
          disabled={saved === 0}
          loading={exporting}
          onClick={() => void download()}
        >
          {t("schemeIo.download")}
        </Button>
        {canImport && (
          <Upload
            accept="application/json,.json"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<CloudUploadOutlined />} loading={importFile.isPending}>
              {t("schemeIo.upload")}
            </Button>
          </Upload>
        )}
      </Space>
      {outcome && (
        <div style={{ marginTop: 12 }} data-testid="scheme-io-outcome">
          <ImportOutcome outcome={outcome} onOpen={onOpen} locale={locale} t={t} />
        </div>
      )}
    </Card>
  );
}

function ImportOutcome({
  outcome,
  onOpen,
  locale,
  t,
}: {
  outcome: Outcome;
  onOpen: (scheme: unknown) => void;
  locale: ReturnType<typeof useI18n>["locale"];
  t: ReturnType<typeof useI18n>["t"];
}) {
  if (outcome.kind === "notJson") return <Alert type="error" showIcon title={t("schemeIo.notJson")} />;
  if (outcome.kind === "saved") {
    const s = outcome.saved;
    return (
      <Alert
        type="success"
        showIcon
        title={t("schemeIo.imported", { name: s.name, year: s.year, version: s.version })}
        action={
          <Button size="small" onClick={() => onOpen(s.scheme)}>
            {t("schemeIo.openInEditor")}
          </Button>
        }
      />
    );
  }
  const issues = importIssues(outcome.err);
  if (issues.length === 0) {
    const m = describeError(outcome.err, locale);
    return <Alert type="error" showIcon title={m.title} description={m.hint} />;
  }
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert type="error" showIcon title={t("schemeIo.invalid", { n: issues.length })} />
      <Table<ImportIssue & { key: number }>
        size="small"
        pagination={false}
        data-testid="scheme-io-issues"
        dataSource={issues.map((i, key) => ({ ...i, key }))}
        scroll={{ x: "max-content" }}
        columns={[
          // English readers see the path itself, which is what the place would say.
          ...(locale === "en"
            ? []
            : [
                {
                  title: t("schemeIo.place"),
                  dataIndex: "path",
                  render: (p: string) => (p === "(root)" ? "—" : issuePlace(p, outcome.file, locale)),
                },
              ]),
          {
            title: t("schemeIo.path"),
            dataIndex: "path",
            render: (p: string) => <Typography.Text code>{p}</Typography.Text>,
          },
          { title: t("schemeIo.message"), dataIndex: "message" },
        ]}
      />
    </Space>
  );
}
