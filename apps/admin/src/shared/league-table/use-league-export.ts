import { useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { downloadBlob } from "../download-file";
import type { ExportInput } from "./export-meta";
import { leagueToCsv } from "./league-csv";
import { handOffForPrint } from "./print-handoff";

/**
 * Excel, CSV and print for a league table on screen, whatever the buttons look like (the antd toolbar,
 * the public page's light one). `onFailure` is told when the workbook cannot be built.
 */
export function useLeagueExport(input: ExportInput, onFailure: () => void) {
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
      onFailure();
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

  const print = () => {
    handOffForPrint({ ...input, returnTo: location.pathname + location.search });
    navigate("/print/league");
  };

  return { busy, excel, csv, print };
}
