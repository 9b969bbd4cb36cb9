/**
 * Builds the admin app and reports what a first visit downloads (the entry chunk and its static
 * imports, gzip) and what each route adds when first opened. Goal: initial ≤ 350 KB gzip.
 * Run: npm run bench:web
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Manifest } from "vite";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = `${ROOT}bench-out`;
const GOAL_KB = 350;

type Chunk = Manifest[string];

await build({
  root: ROOT,
  logLevel: "warn",
  build: { outDir: OUT, emptyOutDir: true, manifest: true },
});
const manifest = JSON.parse(readFileSync(`${OUT}/.vite/manifest.json`, "utf8")) as Manifest;

const gz = new Map<string, number>();
function gzipSize(file: string): number {
  let n = gz.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(`${OUT}/${file}`), { level: 9 }).length;
    gz.set(file, n);
  }
  return n;
}

/** A chunk and everything it imports statically: what must load before it runs. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  const chunk: Chunk | undefined = manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const sum = (keys: Iterable<string>) =>
  [...keys].reduce((s, k) => s + gzipSize((manifest[k] as Chunk).file), 0);

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error("no entry chunk in the manifest");
const initial = closure(entryKey);
const initialBytes = sum(initial);

const routes = Object.entries(manifest)
  .filter(([, c]) => (c.isDynamicEntry && c.src?.includes("/features/")) || c.src?.includes("app/welcome"))
  .map(([key, c]) => {
    const extra = [...closure(key)].filter((k) => !initial.has(k));
    return { route: (c.src ?? key).replace(/^src\//, ""), own: gzipSize(c.file), added: sum(extra) };
  })
  .sort((a, b) => b.added - a.added);

console.log(
  `Initial JavaScript (entry + static imports, gzip): ${kb(initialBytes)} KB  (goal ≤ ${GOAL_KB} KB)`,
);
for (const k of initial)
  console.log(
    `  ${(manifest[k] as Chunk).file.padEnd(48)} ${kb(gzipSize((manifest[k] as Chunk).file)).padStart(7)} KB`,
  );
console.log("\nLazy chunks (gzip): own size, and everything first opening it adds beyond the initial load");
for (const r of routes)
  console.log(`  ${r.route.padEnd(48)} ${kb(r.own).padStart(7)} KB  +${kb(r.added).padStart(7)} KB`);
if (initialBytes > GOAL_KB * 1024) {
  console.error(`\nInitial JavaScript is over the ${GOAL_KB} KB goal.`);
  process.exitCode = 1;
}
