/**
 * `npm run bench:workbook`: a synthetic county of about 10,000 records (packages/domain's
 * generateCounty) written as JSON, as an .xlsx workbook and as CSV files; the command line's time
 * scoring each, and the reader's rows per second in process.
 *
 * Goal (issue 12): the command line scores the workbook in at most 1.5× the time of the same data as
 * JSON (median wall time of the whole process). Exits 1 when the goal is missed.
 *
 * The command line runs as plain `node` on the same bundled script for all three forms, so no run pays
 * for TypeScript compilation; runs alternate between the forms. Each process also reports its own CPU
 * time (user + system, GC threads included), which a machine shared with other work disturbs less than
 * wall time.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { generateCounty } from "@pingan/domain";
import { fromScoringData, readCsvFiles, readXlsx, writeCsvFiles, writeXlsx } from "@pingan/workbook";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const OUT = join(ROOT, "bench-out", "workbook");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL = 1.5;
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

// Each child writes its CPU time on exit (a data: module preloaded with --import).
const CPU_MARK = "bench-cpu-ms:";
const REPORT_CPU = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("${CPU_MARK}"+(u.user+u.system)/1000)})`;

function run(dataPath: string): { wall: number; cpu: number } {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      REPORT_CPU,
      join(OUT, "cli.mjs"),
      "league",
      "--scheme",
      scheme,
      "--data",
      dataPath,
      "--period",
      PERIOD,
    ],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`${dataPath}: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  const cpu = Number(r.stderr.slice(r.stderr.lastIndexOf(CPU_MARK) + CPU_MARK.length));
  return { wall, cpu };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const forms = { json, xlsx, csv } as const;
type Form = keyof typeof forms;
const wall: Record<Form, number[]> = { json: [], xlsx: [], csv: [] };
const cpu: Record<Form, number[]> = { json: [], xlsx: [], csv: [] };
run(json); // warms the file cache and node itself; not counted
for (let i = 0; i < RUNS; i++)
  for (const form of Object.keys(forms) as Form[]) {
    const t = run(forms[form]);
    wall[form].push(t.wall);
    cpu[form].push(t.cpu);
  }
const [j, x, c] = [median(wall.json), median(wall.xlsx), median(wall.csv)];
const [cj, cx, cc] = [median(cpu.json), median(cpu.xlsx), median(cpu.csv)];

const readerXlsx: number[] = [];
const readerCsv: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const a = await readXlsx(xlsxBytes, { inflateRaw: inflateRawSync });
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
console.log(
  `command line, whole process (wall / CPU): JSON ${j.toFixed(0)} / ${cj.toFixed(0)} ms (${mb(json)} MB)`,
);
console.log(
  `  xlsx ${x.toFixed(0)} / ${cx.toFixed(0)} ms (${mb(xlsx)} MB): ${(x / j).toFixed(2)}× / ${(cx / cj).toFixed(2)}× JSON (goal ≤ ${GOAL}× wall)`,
);
console.log(
  `  CSV folder ${c.toFixed(0)} / ${cc.toFixed(0)} ms: ${(c / j).toFixed(2)}× / ${(cc / cj).toFixed(2)}× JSON`,
);
console.log(
  `  all runs, wall ms: JSON ${wall.json.map((t) => t.toFixed(0)).join(" ")}; xlsx ${wall.xlsx.map((t) => t.toFixed(0)).join(" ")}; CSV ${wall.csv.map((t) => t.toFixed(0)).join(" ")}`,
);
console.log(
  `reader in process: xlsx ${rx.toFixed(0)} ms = ${Math.round(sheetRows / (rx / 1000))} rows/s; CSV ${rc.toFixed(0)} ms = ${Math.round(sheetRows / (rc / 1000))} rows/s`,
);
if (x / j > GOAL) {
  console.error(
    `\nThe command line took ${(x / j).toFixed(2)}× the JSON's time to score the workbook: over the ${GOAL}× goal.`,
  );
  process.exitCode = 1;
}
