import {
  IMPORT_SHEET_NAMES,
  type ImportCommitResult,
  type ImportKind,
  type ImportPreviewResult,
  type ImportRowInput,
  type ImportRowResult,
  importRowsOf,
  MAX_IMPORT_BATCH,
  type WorkbookRecordsLike,
} from "@pingan/contracts";

/** One error as the page lists it: sheet, Excel row, column header, what is wrong (Chinese). */
export type ListedError = { sheet: string; row?: number; column?: string; message: string };

/** The file (or CSV files) chosen, read into rows to send, or every error in it. */
export type ReadFile =
  | { ok: true; fileName: string; digest: string; rows: ImportRowInput[]; notes: ReadNotes }
  | { ok: false; fileName: string; digest: string; errors: ListedError[]; notes: ReadNotes };
export type ReadNotes = { unknownSheets: string[]; unknownColumns: { sheet: string; columns: string[] }[] };

export type ChosenFile = { name: string; bytes: Uint8Array };

/**
 * What the reader needs to know of the caller: the codes rows may carry, the key persons stored, and the
 * county's own vocabularies (its key-person categories, its scheme items' names by code) that 人员类别 and
 * 事件类型 may name. The server checks rows against the same lists again.
 */
export type ReadScope = {
  townshipCodes: string[];
  knownKeyPersons: string[];
  keyPersonCategories?: { code: string; name: string }[];
  eventNames?: Record<string, string>;
};

const hex = (buf: ArrayBuffer) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");

/** SHA-256 of the bytes (crypto.subtle), lower-case hex. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
}

/**
 * The file's digest: of the workbook's bytes; for CSV files, of each file's name and digest in name
 * order, so that choosing the same files again (in any order) gives the same digest.
 */
export async function digestOf(files: readonly ChosenFile[]): Promise<string> {
  if (files.length === 1 && isXlsx(files[0]?.name ?? "")) return sha256(files[0]?.bytes ?? new Uint8Array());
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = await Promise.all(sorted.map(async (f) => `${f.name}\t${await sha256(f.bytes)}\n`));
  return sha256(new TextEncoder().encode(lines.join("")));
}

export const isXlsx = (name: string) => /\.xlsx$/i.test(name);
export const isCsv = (name: string) => /\.csv$/i.test(name);

/** The name the audit trail records: the workbook's, or the CSV files' joined (at most 255 characters). */
export function fileNameOf(files: readonly ChosenFile[]): string {
  const joined = files.map((f) => f.name).join("、");
  return joined.length <= 255 ? joined : `${joined.slice(0, 254)}…`;
}

/**
 * Reads the chosen workbook or CSV files with @pingan/workbook (loaded now, with exceljs: neither is in
 * the first-load bundle) and turns its records into import rows (contracts' `importRowsOf`). Every error
 * of the file is returned, not only the first.
 */
export async function readChosen(files: readonly ChosenFile[], scope: ReadScope): Promise<ReadFile> {
  const fileName = fileNameOf(files);
  const digest = await digestOf(files);
  const wb = await import("@pingan/workbook");
  const options = {
    townshipCodes: scope.townshipCodes,
    knownKeyPersons: scope.knownKeyPersons,
    keyPersonCategories: scope.keyPersonCategories,
    eventNames: scope.eventNames,
  };
  const first = files[0];
  const result =
    files.length === 1 && first && isXlsx(first.name)
      ? await wb.readXlsx(first.bytes, options)
      : wb.readCsvFiles(files, options);
  const notes = { unknownSheets: result.report.unknownSheets, unknownColumns: result.report.unknownColumns };
  if (!result.ok) return { ok: false, fileName, digest, errors: result.errors, notes };
  const rows = importRowsOf(result.records as unknown as WorkbookRecordsLike);
  return { ok: true, fileName, digest, rows, notes };
}

/** Rows in batches the API accepts (MAX_IMPORT_BATCH; a dispute's 调解记录 ride along with it). */
export function batches<T>(rows: readonly T[], size = MAX_IMPORT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

type KeyRef = { townshipCode: string; sourceId: string };

/**
 * Key persons of the file that a batch's visits name but that the batch itself does not carry: they are
 * created by an earlier batch, so preview must know them (`pendingKeyPersons`).
 */
export function pendingKeyPersonsOf(batch: readonly ImportRowInput[], fileKeyPersons: ReadonlySet<string>) {
  const own = new Set(
    batch.filter((r) => r.type === "keyPerson").map((r) => `${r.townshipCode}/${r.sourceId}`),
  );
  const out = new Map<string, KeyRef>();
  for (const r of batch) {
    if (r.type !== "visit") continue;
    const key = `${r.townshipCode}/${r.keyPersonSourceId}`;
    if (fileKeyPersons.has(key) && !own.has(key))
      out.set(key, { townshipCode: r.townshipCode, sourceId: r.keyPersonSourceId });
  }
  return [...out.values()];
}

/** The API as the import uses it (township or county procedures, chosen by the page). */
export type ImportApi = {
  preview: (rows: ImportRowInput[], pendingKeyPersons: KeyRef[]) => Promise<ImportPreviewResult>;
  commit: (
    rows: ImportRowInput[],
    file: { fileName: string; fileDigest: string },
  ) => Promise<ImportCommitResult>;
};

/** Previews every row in batches; `onProgress(done, total)` after each. */
export async function previewAll(
  api: ImportApi,
  rows: readonly ImportRowInput[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportRowResult[]> {
  const fileKeyPersons = new Set(
    rows.filter((r) => r.type === "keyPerson").map((r) => `${r.townshipCode}/${r.sourceId}`),
  );
  const results: ImportRowResult[] = [];
  for (const batch of batches(rows)) {
    const res = await api.preview(batch, pendingKeyPersonsOf(batch, fileKeyPersons));
    results.push(...res.rows);
    onProgress(results.length, rows.length);
  }
  return results;
}

/** The preview's counts, per sheet and township. */
export type CountRow = {
  key: string;
  sheet: string;
  townshipCode: string;
  new: number;
  changed: number;
  unchanged: number;
  locked: number;
};

export function countsBySheetAndTownship(results: readonly ImportRowResult[]): CountRow[] {
  const order = Object.keys(IMPORT_SHEET_NAMES) as ImportKind[];
  const byKey = new Map<string, CountRow & { kind: ImportKind }>();
  for (const r of results) {
    if (r.status === "error") continue;
    const key = `${r.type}/${r.townshipCode}`;
    const row = byKey.get(key) ?? {
      key,
      kind: r.type,
      sheet: IMPORT_SHEET_NAMES[r.type],
      townshipCode: r.townshipCode,
      new: 0,
      changed: 0,
      unchanged: 0,
      locked: 0,
    };
    row[r.status] += 1;
    byKey.set(key, row);
  }
  return [...byKey.values()]
    .sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.townshipCode.localeCompare(b.townshipCode),
    )
    .map(({ kind: _kind, ...row }) => row);
}

const SAID = /^(\S+?) 第(\d+)行「([^」]+)」：(.*)$/s;

/**
 * The API's messages for rows it refused, as listed errors: its messages already name sheet, row and
 * column (「信访 第7行「受理时间」：…」); a message in another form is kept whole.
 */
export function listedErrorsOf(results: readonly ImportRowResult[]): ListedError[] {
  const out: ListedError[] = [];
  for (const r of results) {
    if (r.status !== "error") continue;
    const sheet = IMPORT_SHEET_NAMES[r.type];
    for (const m of r.messages ?? [`「${r.sourceId}」有错误`]) {
      const said = SAID.exec(m);
      out.push(
        said
          ? { sheet: said[1] ?? sheet, row: Number(said[2]), column: said[3], message: said[4] ?? m }
          : { sheet, row: r.row, message: m },
      );
    }
  }
  return out;
}

/** What the import did in total. */
export type CommitTotals = { created: number; updated: number; unchanged: number; locked: number };

/**
 * Writes the rows the preview found new or changed, in batches, in file order (key persons first, as
 * `importRowsOf` put them); the server checks each batch again. `onProgress(done, total)` after each.
 */
export async function commitAll(
  api: ImportApi,
  rows: readonly ImportRowInput[],
  preview: readonly ImportRowResult[],
  file: { fileName: string; fileDigest: string },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<CommitTotals & { lockedRows: ImportRowResult[] }> {
  const write = new Set(
    preview
      .filter((r) => r.status === "new" || r.status === "changed")
      .map((r) => `${r.type}/${r.townshipCode}/${r.sourceId}`),
  );
  const toWrite = rows.filter((r) => write.has(`${r.type}/${r.townshipCode}/${r.sourceId}`));
  const totals = {
    created: 0,
    updated: 0,
    unchanged: preview.filter((r) => r.status === "unchanged").length,
    locked: 0,
    lockedRows: preview.filter((r) => r.status === "locked"),
  };
  let done = 0;
  onProgress(0, toWrite.length);
  for (const batch of batches(toWrite)) {
    const res = await api.commit(batch, file);
    totals.created += res.created;
    totals.updated += res.updated;
    totals.unchanged += res.unchanged;
    totals.lockedRows.push(...res.lockedRows);
    done += batch.length;
    onProgress(done, toWrite.length);
  }
  totals.locked = totals.lockedRows.length;
  return totals;
}
