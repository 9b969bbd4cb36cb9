import {
  computeLeagueTable,
  type LeagueTable,
  parseData,
  parsePeriod,
  parseScheme,
  ScoringInputError,
  type ValidationIssue,
} from "@pingan/domain";
import { formatTable } from "./format-table";

export type CliResult = { code: number; stdout: string; stderr: string };

const USAGE =
  "usage: cli league --scheme <scheme.json> --data <data.json> --period <YYYY-MM | YYYY-Qn | YYYY> [--format json|table]\n";

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

function readJson(file: string, read: (path: string) => string): { ok: true; value: unknown } | CliResult {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    return fail(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return fail(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function parseArgs(argv: readonly string[]): Record<string, string> | string {
  const [command, ...rest] = argv;
  if (command !== "league") return `unknown command ${command ?? "(none)"}`;
  const out: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i] as string;
    const value = rest[i + 1];
    if (!["--scheme", "--data", "--period", "--format"].includes(flag)) return `unknown option ${flag}`;
    if (value === undefined) return `option ${flag} needs a value`;
    out[flag.slice(2)] = value;
  }
  for (const required of ["scheme", "data", "period"]) if (!out[required]) return `missing --${required}`;
  return out;
}

/** The command line of scoring.md §8, with file reading injected so tests need no subprocess. */
export function runCli(argv: readonly string[], read: (path: string) => string): CliResult {
  const args = parseArgs(argv);
  if (typeof args === "string") return fail(`${args}\n${USAGE}`);
  const { scheme: schemeFile, data: dataFile, period, format = "json" } = args as Record<string, string>;
  if (!parsePeriod(period as string)) return fail(`--period ${period}: must be YYYY-MM, YYYY-Qn or YYYY`);
  if (format !== "json" && format !== "table") return fail(`--format ${format}: must be json or table`);

  const schemeJson = readJson(schemeFile as string, read);
  if (!("ok" in schemeJson)) return schemeJson;
  const scheme = parseScheme(schemeJson.value);
  if (!scheme.ok) return fail(describe(schemeFile as string, scheme.issues));

  const dataJson = readJson(dataFile as string, read);
  if (!("ok" in dataJson)) return dataJson;
  const data = parseData(dataJson.value);
  if (!data.ok) return fail(describe(dataFile as string, data.issues));

  let table: LeagueTable;
  try {
    table = computeLeagueTable(scheme.value, data.value, period as string);
  } catch (e) {
    if (e instanceof ScoringInputError)
      return fail(`${dataFile}: ${e.path} (record ${e.record}): field ${e.field}: ${e.message}`);
    throw e;
  }
  const stdout =
    format === "table"
      ? formatTable(table, scheme.value, data.value.county.name)
      : `${JSON.stringify(table, null, 2)}\n`;
  return { code: 0, stdout, stderr: "" };
}
