import type { Entry } from "../entry";

/** Export and the printed 通报 (features/export, shared/league-table). */
export const EXPORT_WORDS = {
  "export.excel": { zh: "导出 Excel", en: "Export Excel" },
  "export.csv": { zh: "导出 CSV", en: "Export CSV" },
  "export.print": { zh: "打印通报", en: "Print report" },
  "export.failed": { zh: "导出失败，请重试", en: "Export failed, please retry" },
  "print.title": { zh: "平安建设考评情况通报", en: "Peace-building assessment report" },
  "print.issuedOn": { zh: "印发日期", en: "Issued on" },
  "print.notes": { zh: "说明", en: "Notes" },
  "print.doPrint": { zh: "打印 / 存为 PDF", en: "Print / save as PDF" },
  "print.back": { zh: "返回", en: "Back" },
} as const satisfies Record<string, Entry>;
