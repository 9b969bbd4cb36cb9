/**
 * `npm run bench:import`: a synthetic county (packages/domain's generateCounty) written as a ~10,000-row
 * workbook with @pingan/workbook's writer, then, on DynamoDB Local through the tRPC procedures
 * (createCaller, as the county admin): check + preview (read the workbook, preview every batch), import
 * (commit every batch), and re-import with no change. Prints each phase's time and rows per second, then
 * runs the workbook bench (packages/cli/bench/workbook.ts) for the command line's workbook vs JSON time.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { type ImportRowInput, importRowsOf, MAX_IMPORT_BATCH } from "@pingan/contracts";
import { modelScheme2026 } from "@pingan/data";
import { startDynamoLocal } from "@pingan/data/local";
import { generateCounty } from "@pingan/domain";
import { fromScoringData, readXlsx, writeXlsx } from "@pingan/workbook";
import { createContextInner } from "../src/context";
import { createCaller } from "../src/root";
import { provisionCounty, provisionTownship, provisionUser } from "../src/testing/provisioning";
import { benchServices } from "./support";

const TABLE = "bench-import";
const TOWNSHIPS = Number(process.env.BENCH_TOWNSHIPS ?? 20);
/**
 * Records a township a month: 105 gives a workbook of ~10,000 sheet rows (~4,800 records and ~5,300
 * 调解记录 rows), the size; 220 gives ~10,000 records (~21,000 rows), bench:workbook's size.
 */
const PER_MONTH = Number(process.env.BENCH_PER_MONTH ?? 105);
/** Preview batches in flight at once (the admin page may send a few). */
const PREVIEW_PARALLEL = 4;
const root = fileURLToPath(new URL("../../..", import.meta.url));
const log = (s: string) => console.log(s);

const local = await startDynamoLocal();
try {
  const services = await benchServices(local.endpoint, TABLE);

  // Two months of 20 townships.
  const data = generateCounty({
    seed: 7,
    townships: TOWNSHIPS,
    year: 2026,
    months: 2,
    recordsPerTownshipMonth: PER_MONTH,
    countyId: "bench-import",
  });
  // The import takes only the 纪实 items of the county's scheme (here the model's, as a new county has):
  // the generator's other kinds (some of them only the system records, such as 迟报漏报) become the
  // model's own items in turn, so the workbook keeps its size and every row is importable.
  const items = modelScheme2026.items.map((i) => i.code);
  const known = new Set(items);
  data.events = data.events?.map((e, i) =>
    known.has(e.kind) ? e : { ...e, kind: items[i % items.length] as string },
  );
  const county = await provisionCounty(services, { name: "基准县", code: "510722" });
  for (const t of data.townships)
    await provisionTownship(services, county.id, {
      name: t.name,
      code: t.code as string,
      population: t.population,
      villages: 10,
      grids: 30,
    });
  await provisionUser(services, {
    name: "县管理员",
    phone: "13900000001",
    password: "Passw0rd!bench",
    role: "county_admin",
    countyId: county.id,
  });
  const { accessToken } = await createCaller(createContextInner({ services })).auth.signIn({
    login: "13900000001",
    password: "Passw0rd!bench",
  });
  const caller = createCaller(createContextInner({ services, accessToken }));

  const bytes = await writeXlsx(fromScoringData(data));
  const digest = createHash("sha256").update(bytes).digest("hex");
  const codes = data.townships.map((t) => t.code as string);

  // 1. Check + preview: read the workbook as the admin page does, then preview every batch.
  let start = performance.now();
  const read = await readXlsx(bytes, { townshipCodes: codes });
  if (!read.ok) throw new Error(`workbook: ${JSON.stringify(read.errors.slice(0, 3))}`);
  const rows = importRowsOf(read.records as never);
  const sheetRows = rows.length + read.records.attempts.length;
  const readMs = performance.now() - start;
  const batches: ImportRowInput[][] = [];
  for (let i = 0; i < rows.length; i += MAX_IMPORT_BATCH) batches.push(rows.slice(i, i + MAX_IMPORT_BATCH));
  const pendingKeyPersons = read.records.keyPersons.map((k) => ({
    townshipCode: k.townshipCode,
    sourceId: k.id,
  }));
  const counts = { new: 0, changed: 0, unchanged: 0, locked: 0, error: 0 };
  for (let i = 0; i < batches.length; i += PREVIEW_PARALLEL) {
    const previews = await Promise.all(
      batches
        .slice(i, i + PREVIEW_PARALLEL)
        .map((b) => caller.imports.previewCounty({ rows: b, pendingKeyPersons })),
    );
    for (const p of previews)
      for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += p.counts[k];
  }
  const previewMs = performance.now() - start;
  if (counts.new !== rows.length) throw new Error(`preview: ${JSON.stringify(counts)}`);

  // 2. Import, batch after batch (key persons first: visits name them).
  const commitAll = async () => {
    const total = { created: 0, updated: 0, unchanged: 0, locked: 0 };
    for (const b of batches) {
      const r = await caller.imports.commitCounty({ fileName: "基准县.xlsx", fileDigest: digest, rows: b });
      total.created += r.created;
      total.updated += r.updated;
      total.unchanged += r.unchanged;
      total.locked += r.locked;
    }
    return total;
  };
  start = performance.now();
  const first = await commitAll();
  const importMs = performance.now() - start;
  if (first.created !== rows.length) throw new Error(`import: ${JSON.stringify(first)}`);

  // 3. The same file again: nothing to write.
  start = performance.now();
  const second = await commitAll();
  const reimportMs = performance.now() - start;
  if (second.unchanged !== rows.length) throw new Error(`re-import: ${JSON.stringify(second)}`);

  const rate = (ms: number) => Math.round(sheetRows / (ms / 1000));
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, DynamoDB Local`);
  log(
    `workbook: ${sheetRows} sheet rows (${rows.length} records, ${read.records.attempts.length} 调解记录), ${batches.length} batches of ≤ ${MAX_IMPORT_BATCH}`,
  );
  log(
    `check + preview: ${(previewMs / 1000).toFixed(2)} s (reading ${(readMs / 1000).toFixed(2)} s), ${rate(previewMs)} rows/s  [goal < 5 s]`,
  );
  log(`import:          ${(importMs / 1000).toFixed(2)} s, ${rate(importMs)} rows/s  [goal < 60 s]`);
  log(
    `re-import:       ${(reimportMs / 1000).toFixed(2)} s, ${rate(reimportMs)} rows/s, nothing written  [goal < 30 s]`,
  );
} finally {
  await local.stop();
}

// The command line: scoring the workbook vs the same data as JSON (the workbook package's bench).
log("\ncommand line (packages/cli/bench/workbook.ts):");
const cli = spawnSync(process.execPath, ["--import", "tsx", "packages/cli/bench/workbook.ts"], {
  cwd: root,
  env: { ...process.env, BENCH_RUNS: process.env.BENCH_RUNS ?? "3" },
  stdio: "inherit",
});
process.exit(cli.status ?? 1);
