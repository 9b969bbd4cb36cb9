/**
 * `npm run bench:workbook`: a synthetic county of about 10,000 records (packages/domain's
 * generateCounty) written as JSON, as an .xlsx workbook and as CSV files; the command line's wall time
 * scoring each (goal: the workbook at most 1.5× the JSON), and the reader's rows per second in process.
 *
 * The command line runs as plain `node` on a bundled script, so no run pays for TypeScript compilation.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCounty } from "@pingan/domain";
import { fromScoringData, readCsvFiles, readXlsx, writeCsvFiles, writeXlsx } from "@pingan/workbook";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const OUT = join(ROOT, "bench-out", "workbook");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TOWNSHIPS = Number(process.env.BENCH_TOWNSHIPS ?? 20);
const PERIOD = "2026-02";

mkdirSync(OUT, { recursive: true });
const scheme = join(OUT, "scheme.json");
writeFileSync(scheme, readFileSync(join(ROOT, "packages/domain/test/golden/scheme-2026.json")));
await build({
  entryPoints: [join(ROOT, "packages/cli/src/main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: join(OUT, "cli.mjs"),
  logLevel: "error",
  // exceljs is CommonJS: give the bundle a require for its Node built-ins.
  banner: {
    js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
  },
});

// Two months of 20 townships at about 220 records a township a month: ~10,000 records.
const data = generateCounty({
  seed: 7,
  townships: TOWNSHIPS,
  year: 2026,
  months: 2,
  recordsPerTownshipMonth: 220,
  countyId: "bench-workbook",
});
const kinds = ["disputes", "petitions", "incidents", "keyPersons", "visits", "events"] as const;
const records = kinds.reduce((s, k) => s + (data[k]?.length ?? 0), 0);
const rows = fromScoringData(data);
const sheetRows =
  2 + // 县 and one row per township below
  data.townships.length +
  kinds.reduce((s, k) => s + (data[k]?.length ?? 0), 0) +
  rows.attempts.length +
  (data.manualScores?.length ?? 0);

const json = join(OUT, "county.json");
const xlsx = join(OUT, "county.xlsx");
const csv = join(OUT, "csv");
writeFileSync(json, JSON.stringify(data));
const xlsxBytes = await writeXlsx(rows);
writeFileSync(xlsx, xlsxBytes);
rmSync(csv, { recursive: true, force: true });
mkdirSync(csv);
const csvFiles = writeCsvFiles(rows);
for (const f of csvFiles) writeFileSync(join(csv, f.name), f.bytes);

function run(dataPath: string): number {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(OUT, "cli.mjs"), "league", "--scheme", scheme, "--data", dataPath, "--period", PERIOD],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${dataPath}: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  return ms;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const times: Record<string, number[]> = { json: [], xlsx: [], csv: [] };
for (let i = 0; i < RUNS; i++) {
  times.json?.push(run(json));
  times.xlsx?.push(run(xlsx));
  times.csv?.push(run(csv));
}
const [j, x, c] = [median(times.json ?? []), median(times.xlsx ?? []), median(times.csv ?? [])];

const readerXlsx: number[] = [];
const readerCsv: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const a = await readXlsx(xlsxBytes);
  readerXlsx.push(performance.now() - t);
  t = performance.now();
  const b = readCsvFiles(csvFiles);
  readerCsv.push(performance.now() - t);
  if (!a.ok || !b.ok) throw new Error("the generated county must read without errors");
}
const rx = median(readerXlsx);
const rc = median(readerCsv);

const mb = (p: string) => (statSync(p).size / 1_048_576).toFixed(1);
console.log(
  `${TOWNSHIPS} townships, ${records} records (${sheetRows} sheet rows with mediation attempts), period ${PERIOD}, median of ${RUNS} runs`,
);
console.log(`command line, whole process: JSON ${j.toFixed(0)} ms (${mb(json)} MB)`);
console.log(`  xlsx ${x.toFixed(0)} ms (${mb(xlsx)} MB): ${(x / j).toFixed(2)}× JSON (goal ≤ 1.5×)`);
console.log(`  CSV folder ${c.toFixed(0)} ms: ${(c / j).toFixed(2)}× JSON`);
console.log(
  `reader in process: xlsx ${rx.toFixed(0)} ms = ${Math.round(sheetRows / (rx / 1000))} rows/s; CSV ${rc.toFixed(0)} ms = ${Math.round(sheetRows / (rc / 1000))} rows/s`,
);
