import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = import.meta.dirname;

/** Packages a first visit must not download: the UI kit and the heavy exporters. */
const HEAVY = /^(antd|@ant-design\/|echarts|exceljs)/;

function resolveFile(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  const file = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(
    (f) => existsSync(f) && statSync(f).isFile(),
  );
  if (!file) throw new Error(`cannot resolve ${spec} from ${from}`);
  return file;
}

/** Every package a file reaches through static imports (lazy `import()` excluded), with the path there. */
function staticPackages(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, trail: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)) {
      const spec = m[1] as string;
      if (/^import\s+type\s/.test(m[0].trim()) || /^export\s+type\s/.test(m[0].trim())) continue;
      const here = `${trail} → ${spec}`;
      if (spec.startsWith(".")) {
        if (!spec.endsWith(".css")) walk(resolveFile(file, spec), here);
      } else found.push(here);
    }
  };
  walk(resolve(SRC, entry), relative(SRC, resolve(SRC, entry)));
  return found;
}

describe("the pages people arrive at cold", () => {
  it.each([
    ["main.tsx (the entry every page loads)"],
    ["app/sign-in-page.tsx"],
    ["features/public/public-page.tsx"],
  ])("%s reaches no antd, echarts or exceljs through static imports", (entry) => {
    const file = entry.split(" ")[0] as string;
    const packages = staticPackages(file);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((p) => HEAVY.test(p.split(" → ").pop() as string))).toEqual([]);
  });

  it("would catch antd reached through a static import (the check itself works)", () => {
    const packages = staticPackages("app/antd-frame.tsx");
    expect(packages.some((p) => HEAVY.test(p.split(" → ").pop() as string))).toBe(true);
  });
});
