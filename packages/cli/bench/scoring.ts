/**
 * `npm run bench:scoring`: the command line's wall time and peak memory on synthetic counties of 100,
 * 200 and 400 townships over a year, against merely reading and JSON.parse-ing the same file.
 * Goal: at most 1.5× the parse-only time at 400 townships, growing linearly.
 *
 * Both sides run as plain `node` on a bundled script, so neither pays for TypeScript compilation.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCounty } from "@pingan/domain";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const OUT = join(ROOT, "bench-out");
const SIZES = (process.env.BENCH_SIZES ?? "100,200,400").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PERIOD = process.env.BENCH_PERIOD ?? "2026";

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
});
writeFileSync(
  join(OUT, "parse-only.mjs"),
  `import { readFileSync } from "node:fs";\nJSON.parse(readFileSync(process.argv[2], "utf8"));\n`,
);
// Preloaded into both processes: reports the peak resident set size on exit.
writeFileSync(
  join(OUT, "rss.mjs"),
  `process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("\\nMAXRSS " + u.maxRSS + " CPU " + (u.userCPUTime + u.systemCPUTime) + "\\n"); });\n`,
);

/** Wall time of the whole process, its CPU time (steadier when the machine is busy) and peak RSS. */
type Run = { ms: number; cpuMs: number; rssMb: number };
function measure(args: string[]): Run {
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", join(OUT, "rss.mjs"), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  const m = /MAXRSS (\d+) CPU (\d+)/.exec(r.stderr);
  return { ms, cpuMs: Number(m?.[2] ?? Number.NaN) / 1000, rssMb: Number(m?.[1] ?? Number.NaN) / 1024 };
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const rows: string[][] = [];
for (const townships of SIZES) {
  const file = join(OUT, `county-${townships}.json`);
  const data = generateCounty({ seed: townships, townships, year: 2026, countyId: `bench-${townships}` });
  const records = ["disputes", "petitions", "incidents", "keyPersons", "visits", "events"].reduce(
    (s, k) => s + ((data as unknown as Record<string, unknown[]>)[k]?.length ?? 0),
    0,
  );
  writeFileSync(file, JSON.stringify(data));
  const mb = statSync(file).size / 1_048_576;
  const parse: Run[] = [];
  const cli: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    parse.push(measure([join(OUT, "parse-only.mjs"), file]));
    cli.push(
      measure([join(OUT, "cli.mjs"), "league", "--scheme", scheme, "--data", file, "--period", PERIOD]),
    );
  }
  const p = median(parse.map((r) => r.ms));
  const c = median(cli.map((r) => r.ms));
  const pc = median(parse.map((r) => r.cpuMs));
  const cc = median(cli.map((r) => r.cpuMs));
  rows.push([
    String(townships),
    String(records),
    mb.toFixed(1),
    p.toFixed(0),
    c.toFixed(0),
    (c / p).toFixed(2),
    pc.toFixed(0),
    cc.toFixed(0),
    (cc / pc).toFixed(2),
    Math.max(...parse.map((r) => r.rssMb)).toFixed(0),
    Math.max(...cli.map((r) => r.rssMb)).toFixed(0),
  ]);
}

const header = [
  "townships",
  "records",
  "file MB",
  "parse ms",
  "cli ms",
  "cli/parse",
  "parse cpu",
  "cli cpu",
  "cpu ratio",
  "parse MB",
  "cli MB",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] as number)).join("  ");
console.log(`period ${PERIOD}, median of ${RUNS} runs, wall time of the whole process`);
console.log([line(header), ...rows.map(line)].join("\n"));
