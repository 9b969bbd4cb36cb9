import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");
// The admin app parses workbooks in the browser: nothing here may need Node.
const ALLOWED_PACKAGES = new Set(["@pingan/domain", "exceljs"]);

describe("the workbook package", () => {
  it("imports only the domain package, exceljs and its own files: no node: modules, no clock", () => {
    const offenders: string[] = [];
    for (const name of readdirSync(SRC)) {
      if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
      const text = readFileSync(join(SRC, name), "utf8");
      for (const m of text.matchAll(
        /(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
      )) {
        const spec = (m[1] ?? m[2]) as string;
        if (!spec.startsWith(".") && !ALLOWED_PACKAGES.has(spec)) offenders.push(`${name}: ${spec}`);
      }
      if (/\b(Date\.now|new Date\(\)|Buffer\.|process\.)/.test(text))
        offenders.push(`${name}: uses Node or the clock`);
    }
    expect(offenders).toEqual([]);
    expect(readdirSync(SRC).filter((n) => n.endsWith(".ts")).length).toBeGreaterThan(5);
  });

  it("reads .xlsx without exceljs: only the writer imports it", () => {
    const importers = readdirSync(SRC).filter(
      (name) => name.endsWith(".ts") && /["']exceljs["']/.test(readFileSync(join(SRC, name), "utf8")),
    );
    expect(importers).toEqual(["write.ts"]);
  });
});
