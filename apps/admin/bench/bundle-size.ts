/**
 * Builds the admin app and reports what a first visit downloads (the entry chunk and its static
 * imports, gzip), what the two pages people arrive at cold load in all (the sign-in page and the public
 * league table: entry + the page's chunk and its static imports), and what each route adds when first
 * opened. Goals: the sign-in page and the public page each ≤ 200 KB gzip on first load.
 * Run: npm run bench:web
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Manifest } from "vite";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = `${ROOT}bench-out`;
const GOAL_KB = 200;
/** The pages a first visit lands on: a user signing in, and the public reading a county's table. */
const LANDING_PAGES = {
  "sign-in page": "src/app/sign-in-page.tsx",
  "public page": "src/features/public/public-page.tsx",
};

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
  .filter(([, c]) => c.isDynamicEntry && (c.src?.includes("/features/") || c.src?.includes("/app/")))
  .map(([key, c]) => {
    const extra = [...closure(key)].filter((k) => !initial.has(k));
    return { route: (c.src ?? key).replace(/^src\//, ""), own: gzipSize(c.file), added: sum(extra) };
  })
  .sort((a, b) => b.added - a.added);

const landing = Object.entries(LANDING_PAGES).map(([name, src]) => {
  if (!manifest[src]) throw new Error(`${src} is not a chunk of the build`);
  const keys = new Set([...initial, ...closure(src)]);
  return { name, src, bytes: sum(keys), keys };
});

for (const l of landing)
  console.log(
    `First load of the ${l.name} (entry + ${l.src.replace(/^src\//, "")}, gzip): ${kb(l.bytes)} KB  (goal ≤ ${GOAL_KB} KB)`,
  );
console.log(`\nInitial JavaScript (entry + static imports, gzip): ${kb(initialBytes)} KB`);
for (const k of initial)
  console.log(
    `  ${(manifest[k] as Chunk).file.padEnd(48)} ${kb(gzipSize((manifest[k] as Chunk).file)).padStart(7)} KB`,
  );
console.log("\nLazy chunks (gzip): own size, and everything first opening it adds beyond the initial load");
for (const r of routes)
  console.log(`  ${r.route.padEnd(48)} ${kb(r.own).padStart(7)} KB  +${kb(r.added).padStart(7)} KB`);
for (const l of landing) {
  console.log(`\nWhat the ${l.name} adds to the entry (gzip):`);
  for (const k of l.keys)
    if (!initial.has(k))
      console.log(
        `  ${(manifest[k] as Chunk).file.padEnd(48)} ${kb(gzipSize((manifest[k] as Chunk).file)).padStart(7)} KB`,
      );
}
for (const l of landing.filter((l) => l.bytes > GOAL_KB * 1024)) {
  console.error(`\nThe ${l.name}'s first load is over the ${GOAL_KB} KB goal.`);
  process.exitCode = 1;
}
