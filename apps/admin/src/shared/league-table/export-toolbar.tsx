import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from "@ant-design/icons";
import { App, Button, Space } from "antd";
import { useI18n } from "../../i18n/i18n-provider";
import type { ExportInput } from "./export-meta";
import { useLeagueExport } from "./use-league-export";

/** Excel, CSV and print for any league table on screen. */
export function ExportToolbar(input: ExportInput) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, excel, csv, print } = useLeagueExport(input, () => message.error(t("export.failed")));

  return (
    <Space wrap className="no-print">
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={excel}>
        {t("export.excel")}
      </Button>
      <Button icon={<FileTextOutlined />} onClick={csv}>
        {t("export.csv")}
      </Button>
      <Button icon={<PrinterOutlined />} onClick={print}>
        {t("export.print")}
      </Button>
    </Space>
  );
}
