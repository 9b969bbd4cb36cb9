import type { Entry } from "../entry";

/** Records in and out by workbook: the import page and the record lists' export (features/import). */
export const IMPORT_WORDS = {
  "nav.import": { zh: "导入导出", en: "Import / export" },
  "import.title": { zh: "导入记录", en: "Import records" },
  "import.intro": {
    zh: "选择一个 Excel 工作簿（.xlsx），或每张表一个 CSV 文件（矛盾纠纷.csv、信访.csv…）。文件先在本机整体检查，有任何错误都不会写入；无误后预览新增、变更、未变的记录数，确认后分批导入。",
    en: "Choose an Excel workbook (.xlsx), or one CSV file per sheet (矛盾纠纷.csv, 信访.csv…). The whole file is checked on this computer first and nothing is written if anything is wrong; then you see how many records are new, changed or unchanged, and import on confirmation, in batches.",
  },
  "import.resume": {
    zh: "导入中断（关闭页面、断网）时，重新导入同一文件即可补完，不会产生重复记录。",
    en: "If an import is interrupted (page closed, network lost), import the same file again: it finishes the import and never duplicates a record.",
  },
  "import.scopeTownship": {
    zh: "导入到本乡镇：{name}（{code}）",
    en: "Importing into your township: {name} ({code})",
  },
  "import.scopeCounty": {
    zh: "导入到本县各乡镇（按「乡镇代码」），共 {count} 个乡镇",
    en: "Importing into the county's townships (by 乡镇代码), {count} townships",
  },
  "import.template": { zh: "下载导入模板", en: "Download the template" },
  "import.choose": { zh: "选择文件", en: "Choose files" },
  "import.chooseHint": { zh: "一个 .xlsx，或多个 .csv", en: "One .xlsx, or several .csv" },
  "import.mixed": {
    zh: "请只选一个 .xlsx 工作簿，或只选 CSV 文件",
    en: "Choose one .xlsx workbook, or CSV files only",
  },
  "import.file": { zh: "文件：{name}", en: "File: {name}" },
  "import.digest": { zh: "SHA-256：{digest}", en: "SHA-256: {digest}" },
  "import.reading": { zh: "正在读取和检查文件…", en: "Reading and checking the file…" },
  "import.previewing": { zh: "正在预览（{done}/{total} 行）…", en: "Previewing ({done}/{total} rows)…" },
  "import.errorsTitle": {
    zh: "文件有 {count} 处错误，未导入任何记录。请改正后重新选择文件。",
    en: "The file has {count} errors; nothing was imported. Correct them and choose the file again.",
  },
  "import.col.sheet": { zh: "工作表", en: "Sheet" },
  "import.col.row": { zh: "行", en: "Row" },
  "import.col.column": { zh: "列", en: "Column" },
  "import.col.message": { zh: "错误", en: "Error" },
  "import.col.township": { zh: "乡镇", en: "Township" },
  "import.col.new": { zh: "新增", en: "New" },
  "import.col.changed": { zh: "变更", en: "Changed" },
  "import.col.unchanged": { zh: "未变", en: "Unchanged" },
  "import.col.locked": { zh: "已锁定", en: "Locked" },
  "import.col.id": { zh: "编号", en: "编号 (id)" },
  "import.col.months": { zh: "月份", en: "Months" },
  "import.col.why": { zh: "原因", en: "Why" },
  "import.previewTitle": { zh: "预览", en: "Preview" },
  "import.previewSummary": {
    zh: "共 {total} 条记录：新增 {new}，变更 {changed}，未变 {unchanged}，已锁定 {locked}",
    en: "{total} records: {new} new, {changed} changed, {unchanged} unchanged, {locked} locked",
  },
  "import.lockedTitle": {
    zh: "以下 {count} 条记录所在月份已上报、已审核或已发布，导入时不会修改，由县级决定是否退回修改",
    en: "These {count} records fall in months already submitted, approved or published; the import leaves them alone and the county decides",
  },
  "import.nothingToDo": {
    zh: "没有需要写入的记录：文件与系统中的记录一致。",
    en: "Nothing to write: the file matches the stored records.",
  },
  "import.confirm": { zh: "确认导入", en: "Import" },
  "import.confirmWrites": { zh: "确认导入 {count} 条记录", en: "Import {count} records" },
  "import.running": { zh: "正在导入…", en: "Importing…" },
  "import.failed": {
    zh: "导入中断：{message}。已写入的记录保留，重新导入同一文件即可补完。",
    en: "The import stopped: {message}. What was written stays; import the same file again to finish.",
  },
  "import.done": { zh: "导入完成", en: "Import finished" },
  "import.doneSummary": {
    zh: "新增 {created}，变更 {updated}，未变 {unchanged}，已锁定未修改 {locked}",
    en: "{created} created, {updated} updated, {unchanged} unchanged, {locked} locked and left alone",
  },
  "import.again": { zh: "导入其他文件", en: "Import another file" },
  "import.unknownSheets": {
    zh: "未识别的工作表（已忽略）：{names}",
    en: "Unknown sheets (ignored): {names}",
  },
  "import.unknownColumns": { zh: "未识别的列（已忽略）：{list}", en: "Unknown columns (ignored): {list}" },
  "import.exportTitle": { zh: "导出记录", en: "Export records" },
  "import.exportIntro": {
    zh: "按导入模板的格式导出记录，导出的文件可原样再导入（不会改变任何记录）。",
    en: "Exports records in the template's format; importing the file again changes nothing.",
  },
  "import.exportCountyIntro": {
    zh: "导出本县全部乡镇某月或某年的记录（按导入模板的格式）。",
    en: "Exports all townships' records of a month or a year (in the template's format).",
  },
  "import.periodMonth": { zh: "按月", en: "Month" },
  "import.periodYear": { zh: "按年", en: "Year" },
  "recordExport.records": { zh: "导出", en: "Export" },
  "recordExport.recordsDone": { zh: "已导出 {count} 条记录", en: "Exported {count} records" },
  "recordExport.recordsFailed": { zh: "导出失败：{message}", en: "Export failed: {message}" },
} as const satisfies Record<string, Entry>;
