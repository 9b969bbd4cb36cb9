import {
  CloudDownloadOutlined,
  DownloadOutlined,
  ReloadOutlined,
  SaveOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { type ParseResult, parseScheme, type Scheme } from "@pingan/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Popconfirm, Space, Tag, Typography, Upload } from "antd";
import { useRef, useState } from "react";
import { useSession } from "../../api/session-provider";
import { useTRPC, useTRPCClient } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { downloadBlob } from "../../shared/download-file";
import { normalizeDraft } from "./normalize-draft";
import { modelSchemeDraft, schemeDraftStore } from "./scheme-draft-store";
import { SchemeEditor } from "./scheme-editor";
import { SchemeIo } from "./scheme-io";

/** The county's scheme editor: starts from the model scheme, imports and exports JSON. */
export default function SchemePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [initial, setInitial] = useState<unknown>(() => schemeDraftStore.load());
  const [generation, setGeneration] = useState(0);
  const latest = useRef<{ draft: unknown; result: ParseResult<Scheme> | null }>({
    draft: initial,
    result: parseScheme(normalizeDraft(initial)),
  });
  const [valid, setValid] = useState(() => latest.current.result?.ok === true);
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const isAdmin = useSession().session?.user.role === "county_admin";
  const year = (initial as { year?: unknown } | null)?.year;
  const draftYear = typeof year === "number" ? year : new Date().getFullYear();
  const savedList = useQuery({ ...trpc.schemes.list.queryOptions(), meta: { silent: true } });
  const savedVersion = (savedList.data ?? [])
    .filter((v) => v.year === draftYear)
    .reduce((m, v) => Math.max(m, v.version), 0);
  const save = useMutation(
    trpc.schemes.save.mutationOptions({
      onSuccess: (v) => {
        message.success(t("scheme.savedVersion", { year: v.year, version: v.version }));
        void qc.invalidateQueries(trpc.schemes.pathFilter());
      },
    }),
  );
  const loadSaved = async () => {
    try {
      const v = await client.schemes.get.query({ year: draftYear });
      replace(v.scheme);
    } catch {
      message.error(t("scheme.noSavedYear"));
    }
  };

  const replace = (draft: unknown) => {
    schemeDraftStore.save(draft);
    const result = parseScheme(normalizeDraft(draft));
    latest.current = { draft, result };
    setValid(result.ok);
    setInitial(draft);
    setGeneration((g) => g + 1);
  };

  const exportJson = () => {
    const { draft, result } = latest.current;
    const value = result?.ok ? result.value : draft;
    const year = (value as { year?: number }).year ?? "";
    downloadBlob(
      new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" }),
      `scheme-${year}.json`,
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between" }}>
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("scheme.title")}
          </Typography.Title>
          {savedVersion > 0 ? (
            <Tag color="blue">{t("scheme.savedTag", { year: draftYear, version: savedVersion })}</Tag>
          ) : (
            <Tag>{t("scheme.unsavedTag", { year: draftYear })}</Tag>
          )}
        </Space>
        <Space wrap>
          <Upload
            accept="application/json,.json"
            showUploadList={false}
            beforeUpload={(file) => {
              void file
                .text()
                .then((text) => replace(JSON.parse(text) as unknown))
                .catch(() => message.error(t("scheme.importFailed")));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t("scheme.importJson")}</Button>
          </Upload>
          <Button icon={<DownloadOutlined />} onClick={exportJson}>
            {t("scheme.exportJson")}
          </Button>
          {savedVersion > 0 && (
            <Button icon={<CloudDownloadOutlined />} onClick={() => void loadSaved()}>
              {t("scheme.loadSaved", { version: savedVersion })}
            </Button>
          )}
          {isAdmin && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              // The icon's own label ("save") would otherwise be part of the button's name.
              aria-label={t("scheme.save")}
              disabled={!valid}
              loading={save.isPending}
              onClick={() => {
                const r = latest.current.result;
                if (r?.ok)
                  save.mutate({
                    year: r.value.year,
                    expectedVersion: savedVersion,
                    scheme: r.value as unknown as Record<string, unknown>,
                  });
              }}
            >
              {t("scheme.save")}
            </Button>
          )}
          <Popconfirm title={t("scheme.resetModel")} onConfirm={() => replace(modelSchemeDraft())}>
            <Button icon={<ReloadOutlined />}>{t("scheme.resetModel")}</Button>
          </Popconfirm>
        </Space>
      </div>
      <SchemeIo key={draftYear} draftYear={draftYear} canImport={isAdmin} onOpen={replace} />
      <SchemeEditor
        key={generation}
        initial={initial}
        onChange={(draft, result) => {
          latest.current = { draft, result };
          setValid(result.ok);
          schemeDraftStore.save(draft);
        }}
      />
    </Space>
  );
}
