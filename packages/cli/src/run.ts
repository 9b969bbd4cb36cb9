import {
  checkTypedData,
  computeLeagueTable,
  type Data,
  type LeagueTable,
  parseData,
  parseInstant,
  parsePeriod,
  parseScheme,
  ScoringInputError,
  schemeItems,
  type ValidationIssue,
} from "@pingan/domain";
import {
  formatWorkbookError,
  type ReadResult,
  readCsvFiles,
  readXlsx,
  scoringDataOf,
  type WorkbookError,
} from "@pingan/workbook";
import { formatTable } from "./format-table";
import type { CliIo } from "./io";
import { compareTables } from "./verify";

export type CliResult = { code: number; stdout: string; stderr: string };

const USAGE = `usage:
  cli league --scheme <scheme.json> --data <data.json | data.xlsx | csv-folder> --period <YYYY-MM | YYYY-Qn | YYYY> [--format json|table]
  cli verify --bundle <bundle.json>
`;

const MAX_LISTED = 100;

function fail(message: string): CliResult {
  return { code: 2, stdout: "", stderr: `${message}\n` };
}

function describe(file: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.slice(0, 20).map((i) => {
    const record = i.record === undefined ? "" : ` (record ${i.record})`;
    return `${file}: ${i.path}${record}: field ${i.field}: ${i.message}`;
  });
  if (issues.length > 20) lines.push(`${file}: … and ${issues.length - 20} more problems`);
  return lines.join("\n");
}

function describeWorkbook(file: string, errors: readonly WorkbookError[]): string {
  const lines = errors.slice(0, MAX_LISTED).map((e) => `${file}: ${formatWorkbookError(e)}`);
  if (errors.length > MAX_LISTED) lines.push(`${file}: …另有 ${errors.length - MAX_LISTED} 处错误`);
  return lines.join("\n");
}

/** `typed`: data that the workbook reader built and checked field by field (scoring data already). */
type Loaded = { ok: true; value: unknown; notes: string; typed?: boolean } | CliResult;

function readJson(file: string, io: CliIo): Loaded {
  let text: string;
  try {
    text = io.readText(file);
  } catch (e) {
    return fail(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return { ok: true, value: JSON.parse(text), notes: "" };
  } catch (e) {
    return fail(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * The data file: JSON, an .xlsx workbook or a folder of CSV files (shared/spec/import.md). `eventNames`:
 * the scheme's 纪实 items, code → Chinese name, which a workbook's 事件类型 may name.
 */
async function readData(
  file: string,
  io: CliIo,
  eventNames: Readonly<Record<string, string>>,
): Promise<Loaded> {
  let read: ReadResult;
  if (io.isDirectory(file)) {
    const names = io.list(file).filter((n) => /\.csv$/i.test(n));
    if (names.length === 0)
      return fail(`${file}: the folder holds no CSV files (县.csv, 乡镇.csv, 矛盾纠纷.csv, …)`);
    read = readCsvFiles(
      names.map((name) => ({ name, bytes: io.readBytes(`${file.replace(/\/$/, "")}/${name}`) })),
      { eventNames },
    );
  } else if (/\.xlsx$/i.test(file)) {
    let bytes: Uint8Array;
    try {
      bytes = io.readBytes(file);
    } catch (e) {
      return fail(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    read = await readXlsx(bytes, io.inflateRaw ? { eventNames, inflateRaw: io.inflateRaw } : { eventNames });
  } else if (/\.(csv|xls|et|ods)$/i.test(file))
    return fail(
      `${file}: 应为 .xlsx 工作簿、存放 CSV 文件（县.csv、乡镇.csv、矛盾纠纷.csv 等）的文件夹或 JSON 数据文件；` +
        "单个 CSV 请连同其他表放进一个文件夹，.xls 等格式请在 Excel 中另存为 .xlsx",
    );
  else return readJson(file, io);

  const data = scoringDataOf(read);
  if (!data.ok) return fail(describeWorkbook(file, data.errors));
  const notes = [
    ...read.report.unknownSheets.map((s) => `${file}: 提示：已忽略未知的工作表「${s}」`),
    ...read.report.unknownColumns.map(
      (u) => `${file}: 提示：${u.sheet} 已忽略未知的列「${u.columns.join("」「")}」`,
    ),
  ];
  return { ok: true, value: data.data, notes: notes.map((n) => `${n}\n`).join(""), typed: true };
}

function parseArgs(
  argv: readonly string[],
): { command: "league" | "verify"; options: Record<string, string> } | string {
  const [command, ...rest] = argv;
  if (command !== "league" && command !== "verify") return `unknown command ${command ?? "(none)"}`;
  const allowed = command === "league" ? ["--scheme", "--data", "--period", "--format"] : ["--bundle"];
  const out: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i] as string;
    const value = rest[i + 1];
    if (!allowed.includes(flag)) return `unknown option ${flag}`;
    if (value === undefined) return `option ${flag} needs a value`;
    out[flag.slice(2)] = value;
  }
  const required = command === "league" ? ["scheme", "data", "period"] : ["bundle"];
  for (const r of required) if (!out[r]) return `missing --${r}`;
  return { command, options: out };
}

/** The command line of scoring.md §8 and §9, with file reading injected so tests need no subprocess. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const args = parseArgs(argv);
  if (typeof args === "string") return fail(`${args}\n${USAGE}`);
  return args.command === "league" ? league(args.options, io) : verify(args.options, io);
}

function score(
  file: string,
  scheme: Parameters<typeof computeLeagueTable>[0],
  data: Parameters<typeof computeLeagueTable>[1],
  period: string,
  asOf?: number,
): LeagueTable | CliResult {
  try {
    return computeLeagueTable(scheme, data, period, asOf === undefined ? {} : { asOf });
  } catch (e) {
    if (e instanceof ScoringInputError)
      return fail(`${file}: ${e.path} (record ${e.record}): field ${e.field}: ${e.message}`);
    throw e;
  }
}

async function league(args: Record<string, string>, io: CliIo): Promise<CliResult> {
  const { scheme: schemeFile, data: dataFile, period, format = "json" } = args as Record<string, string>;
  if (!parsePeriod(period as string)) return fail(`--period ${period}: must be YYYY-MM, YYYY-Qn or YYYY`);
  if (format !== "json" && format !== "table") return fail(`--format ${format}: must be json or table`);

  const schemeJson = readJson(schemeFile as string, io);
  if (!("ok" in schemeJson)) return schemeJson;
  const scheme = parseScheme(schemeJson.value);
  if (!scheme.ok) return fail(describe(schemeFile as string, scheme.issues));

  const eventNames = Object.fromEntries(schemeItems(scheme.value).map((i) => [i.code, i.name]));
  const loaded = await readData(dataFile as string, io, eventNames);
  if (!("ok" in loaded)) return loaded;
  // A workbook's fields were checked as it was read: only the cross-record rules remain.
  const data = loaded.typed ? checkTypedData(loaded.value as Data) : parseData(loaded.value);
  if (!data.ok) return fail(describe(dataFile as string, data.issues));

  const table = score(dataFile as string, scheme.value, data.value, period as string);
  if (!("rows" in table)) return table;
  const stdout =
    format === "table"
      ? formatTable(table, scheme.value, data.value.county.name)
      : `${JSON.stringify(table, null, 2)}\n`;
  return { code: 0, stdout, stderr: loaded.notes };
}

const BUNDLE_FORMAT = "pingan-verify/1";

/** scoring.md §9: re-score a verification bundle and compare it with its table. */
async function verify(args: Record<string, string>, io: CliIo): Promise<CliResult> {
  const file = args.bundle as string;
  const json = readJson(file, io);
  if (!("ok" in json)) return json;
  const bundle = json.value as Record<string, unknown>;
  if (bundle === null || typeof bundle !== "object" || Array.isArray(bundle))
    return fail(`${file}: field (root): must be a JSON object (a verification bundle)`);
  if (bundle.format !== BUNDLE_FORMAT) return fail(`${file}: field format: must be "${BUNDLE_FORMAT}"`);
  const period = bundle.period;
  if (typeof period !== "string" || !parsePeriod(period))
    return fail(`${file}: field period: must be YYYY-MM, YYYY-Qn or YYYY`);
  if (typeof bundle.countyId !== "string" || bundle.countyId === "")
    return fail(`${file}: field countyId: must be a non-empty string`);
  if (typeof bundle.version !== "number" || !Number.isInteger(bundle.version) || bundle.version < 1)
    return fail(`${file}: field version: must be an integer >= 1`);
  const instant = (field: "publishedAt" | "asOf") => {
    const v = bundle[field];
    return typeof v === "string" ? parseInstant(v) : Number.NaN;
  };
  if (Number.isNaN(instant("publishedAt")))
    return fail(`${file}: field publishedAt: must be an ISO-8601 timestamp with an offset or Z`);
  if (bundle.asOf !== undefined && Number.isNaN(instant("asOf")))
    return fail(`${file}: field asOf: must be an ISO-8601 timestamp with an offset or Z`);
  // The API scores a table as of the moment it publishes it (an open dispute is overdue only once its
  // deadline has passed), so the bundle is re-scored as of that moment: its asOf, else its publishedAt.
  const asOf = bundle.asOf === undefined ? instant("publishedAt") : instant("asOf");
  const table = bundle.table as LeagueTable | undefined;
  if (table === null || typeof table !== "object" || !Array.isArray(table.rows))
    return fail(`${file}: field table: must be a league table with rows (scoring.md §8)`);
  const scheme = parseScheme(bundle.scheme);
  if (!scheme.ok)
    return fail(
      describe(
        file,
        scheme.issues.map((i) => ({ ...i, path: `scheme.${i.path}`.replace(/\.$/, "") })),
      ),
    );
  const data = parseData(bundle.data);
  if (!data.ok)
    return fail(
      describe(
        file,
        data.issues.map((i) => ({ ...i, path: `data.${i.path}` })),
      ),
    );
  if (data.value.county.id !== bundle.countyId)
    return fail(
      `${file}: field data.county.id: ${data.value.county.id} is not the bundle's countyId ${bundle.countyId}`,
    );

  const expected = score(file, scheme.value, data.value, period, asOf);
  if (!("rows" in expected)) return expected;
  const differences = compareTables(expected, table);
  if (differences.length === 0)
    return {
      code: 0,
      stdout: `核验一致：${data.value.county.name} ${period} 第 ${bundle.version} 版，${expected.rows.length} 个乡镇的名次、得分与等次均与重新计分的结果相同\n`,
      stderr: "",
    };
  const lines = [
    `核验不一致：${data.value.county.name} ${period} 第 ${bundle.version} 版，${differences.length} 处与重新计分的结果不同（重算值 / 核验包中的值）`,
    ...differences,
  ];
  return { code: 1, stdout: `${lines.join("\n")}\n`, stderr: "" };
}
