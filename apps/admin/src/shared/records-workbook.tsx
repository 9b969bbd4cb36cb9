import { DownloadOutlined } from "@ant-design/icons";
import {
  type ImportExportResult,
  type ImportKind,
  type ImportRow,
  MAX_EXPORT_PAGE,
  workbookRecordsOf,
} from "@pingan/contracts";
import { App, Button } from "antd";
import { useState } from "react";
import { useTRPCClient } from "../api/trpc";
import { describeError } from "../errors/error-messages";
import { useI18n } from "../i18n/i18n-provider";
import { downloadBlob } from "./download-file";
import { showInstant } from "./instant";
import { useTownshipId } from "./use-township-id";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** One page of an export (`imports.export` or `imports.exportCounty`) of one kind. */
export type ExportPage = (type: ImportKind, cursor: string | null) => Promise<ImportExportResult>;

/**
 * The county's own words, as the workbook reader and writer take them: its key-person categories and the
 * names of the 纪实 items of its current scheme of each year (code → name; a later year's name wins).
 */
export type CountyVocabularies = {
  keyPersonCategories?: { code: string; name: string }[];
  eventNames?: Record<string, string>;
};

type Client = ReturnType<typeof useTRPCClient>;

/**
 * The county's vocabularies, read through one of its townships (`via`): what the import reads 人员类别 and
 * 事件类型 by, and what the export writes them as, so that export → import is a round trip in Chinese.
 */
export async function countyVocabularies(
  client: Client,
  via: string | undefined,
  years: readonly number[],
): Promise<CountyVocabularies> {
  if (!via) return {};
  const [categories, ...items] = await Promise.all([
    client.keyPersons.categories.query({ townshipId: via }),
    ...[...new Set(years)].sort().map((year) => client.events.items.query({ townshipId: via, year })),
  ]);
  const eventNames: Record<string, string> = {};
  for (const v of items) for (const i of v.items) eventNames[i.code] = i.name;
  return { keyPersonCategories: categories.map((c) => ({ code: c.code, name: c.name })), eventNames };
}

/** The China-time years of the events among the rows: the schemes whose item names the export needs. */
const eventYears = (rows: readonly ImportRow[]) => [
  ...new Set(
    rows.flatMap((r) => (r.type === "event" ? [Number(showInstant(r.occurredAt).slice(0, 4))] : [])),
  ),
];

/**
 * Records of the given kinds, every page, written as the record workbook (shared/spec/import.md) by
 * @pingan/workbook's writer, so that importing the file again changes nothing. A county's own categories
 * and 纪实 items are written by their Chinese names (`vocabularies`, given the events' years), as the import
 * reads them. The writer (and exceljs) load only now: they stay out of the first-load bundle.
 */
export async function exportRecordsWorkbook(
  page: ExportPage,
  types: readonly ImportKind[],
  vocabularies: (eventYears: number[]) => Promise<CountyVocabularies> = async () => ({}),
): Promise<{ bytes: Uint8Array; count: number }> {
  const rows: ImportRow[] = [];
  for (const type of types) {
    let cursor: string | null = null;
    do {
      const p: ImportExportResult = await page(type, cursor);
      rows.push(...p.rows);
      cursor = p.cursor;
    } while (cursor);
  }
  const [{ writeXlsx }, words] = await Promise.all([
    import("@pingan/workbook"),
    vocabularies(eventYears(rows)),
  ]);
  const records = workbookRecordsOf(rows) as Parameters<typeof writeXlsx>[0];
  return { bytes: await writeXlsx(records, words), count: rows.length };
}

/** Hands a written workbook to the browser's download. */
export function downloadWorkbook(bytes: Uint8Array, fileName: string): void {
  downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_TYPE }), fileName);
}

/** Today in China time, `2026-11-26`, for file names. */
export function chinaDay(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Runs a records export to a download, with its busy state and its notices (how many, or why not); the
 * county's own categories and 纪实 items are written by name.
 */
export function useRecordsExport() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  /** `via`: a township of the county, through which its vocabularies are read (none: codes are written). */
  const run = async (
    page: ExportPage,
    types: readonly ImportKind[],
    fileName: string,
    via: string | undefined,
  ) => {
    setBusy(true);
    try {
      const { bytes, count } = await exportRecordsWorkbook(page, types, (years) =>
        countyVocabularies(client, via, years),
      );
      downloadWorkbook(bytes, fileName);
      message.success(t("recordExport.recordsDone", { count }));
    } catch (e) {
      message.error(t("recordExport.recordsFailed", { message: describeError(e, locale).title }));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

/**
 * 「导出」 on a township record list: the township's records of these kinds (key persons with their
 * visits), as the record workbook `<name>-<day>.xlsx`.
 */
export function ExportRecordsButton({ types, name }: { types: readonly ImportKind[]; name: string }) {
  const { t } = useI18n();
  const client = useTRPCClient();
  const townshipId = useTownshipId();
  const { busy, run: download } = useRecordsExport();
  const run = () =>
    download(
      (type, cursor) => client.imports.export.query({ townshipId, type, cursor, limit: MAX_EXPORT_PAGE }),
      types,
      `${name}-${chinaDay()}.xlsx`,
      townshipId,
    );
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => void run()}
      data-testid="export-records"
    >
      {t("recordExport.records")}
    </Button>
  );
}
