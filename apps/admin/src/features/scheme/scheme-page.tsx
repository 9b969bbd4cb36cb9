import { DownloadOutlined, ReloadOutlined, UploadOutlined } from "@ant-design/icons";
import type { ParseResult, Scheme } from "@pingan/domain";
import { App, Button, Popconfirm, Space, Typography, Upload } from "antd";
import { useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { downloadBlob } from "../export/download-file";
import { modelSchemeDraft, schemeDraftStore } from "./scheme-draft-store";
import { SchemeEditor } from "./scheme-editor";

/** The county's scheme editor: starts from the model scheme, imports and exports JSON. */
export default function SchemePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [initial, setInitial] = useState<unknown>(() => schemeDraftStore.load());
  const [generation, setGeneration] = useState(0);
  const latest = useRef<{ draft: unknown; result: ParseResult<Scheme> | null }>({
    draft: initial,
    result: null,
  });

  const replace = (draft: unknown) => {
    schemeDraftStore.save(draft);
    latest.current = { draft, result: null };
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
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("scheme.title")}
        </Typography.Title>
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
          <Popconfirm title={t("scheme.resetModel")} onConfirm={() => replace(modelSchemeDraft())}>
            <Button icon={<ReloadOutlined />}>{t("scheme.resetModel")}</Button>
          </Popconfirm>
        </Space>
      </div>
      <SchemeEditor
        key={generation}
        initial={initial}
        onChange={(draft, result) => {
          latest.current = { draft, result };
          schemeDraftStore.save(draft);
        }}
      />
    </Space>
  );
}
