import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Typography } from "antd";
import { useState } from "react";
import { useTRPCClient } from "../../api/trpc";
import { describeError } from "../../errors/error-messages";
import { useI18n } from "../../i18n/i18n-provider";
import { downloadBlob } from "../../shared/download-file";

/** The archive's bytes, from the base64 the API answers with. */
export function archiveBytes(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * 「导出全部数据」: everything of the county as one zip (records in the import workbook format, schemes,
 * published tables, audit trails, every stored item), also while the county is read-only.
 */
export function CountyArchiveCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const archive = await client.ops.exportCounty.query();
      downloadBlob(
        new Blob([archiveBytes(archive.contentBase64)], { type: "application/zip" }),
        archive.fileName,
      );
      message.success(t("archive.done", { name: archive.fileName }));
    } catch (e) {
      message.error(t("archive.failed", { message: describeError(e, locale).title }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("archive.title")}>
      <Typography.Paragraph>{t("archive.explain")}</Typography.Paragraph>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void run()}
        data-testid="export-archive"
      >
        {t("archive.button")}
      </Button>
    </Card>
  );
}
