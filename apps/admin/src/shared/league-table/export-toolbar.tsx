import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from "@ant-design/icons";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useI18n } from "../../i18n/i18n-provider";
import { downloadBlob } from "../download-file";
import type { ExportInput } from "./export-meta";
import { leagueToCsv } from "./league-csv";
import { handOffForPrint } from "./print-handoff";

/** Excel, CSV and print for any league table on screen. */
export function ExportToolbar(input: ExportInput) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);

  const excel = async () => {
    setBusy(true);
    try {
      const { buildLeagueWorkbook, exportFileName } = await import("./league-xlsx");
      const wb = await buildLeagueWorkbook(input);
      const buf = await wb.xlsx.writeBuffer();
      downloadBlob(
        new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
        exportFileName(input, "xlsx"),
      );
    } catch {
      message.error(t("export.failed"));
    } finally {
      setBusy(false);
    }
  };

  const csv = async () => {
    const { exportFileName } = await import("./league-xlsx");
    downloadBlob(
      new Blob([leagueToCsv(input)], { type: "text/csv;charset=utf-8" }),
      exportFileName(input, "csv"),
    );
  };

  return (
    <Space wrap className="no-print">
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={excel}>
        {t("export.excel")}
      </Button>
      <Button icon={<FileTextOutlined />} onClick={csv}>
        {t("export.csv")}
      </Button>
      <Button
        icon={<PrinterOutlined />}
        onClick={() => {
          handOffForPrint({ ...input, returnTo: location.pathname + location.search });
          navigate("/print/league");
        }}
      >
        {t("export.print")}
      </Button>
    </Space>
  );
}
