/**
 * Writes the golden data set (packages/domain/test/golden/data.json) as a workbook and as a folder of
 * CSV files, the fixtures of the golden tests. Run once after a format change:
 *   npx tsx packages/workbook/scripts/golden-fixtures.ts
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fromScoringData, writeCsvFiles, writeXlsx } from "../src/index";

const root = join(import.meta.dirname, "..", "..", "..");
const data = JSON.parse(readFileSync(join(root, "packages/domain/test/golden/data.json"), "utf8"));
const out = join(import.meta.dirname, "..", "test", "golden");
const records = fromScoringData(data);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "data.xlsx"), await writeXlsx(records));
rmSync(join(out, "csv"), { recursive: true, force: true });
mkdirSync(join(out, "csv"));
for (const f of writeCsvFiles(records)) writeFileSync(join(out, "csv", f.name), f.bytes);
console.log(`wrote ${join(out, "data.xlsx")} and ${join(out, "csv")}`);
