import type { ImportPreviewResult, ImportRow } from "@pingan/contracts";
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import { countsOf, type ImportScope, planRows } from "./plan";

export { commitRows } from "./commit";
export { exportRows } from "./export";
export type { ImportScope } from "./plan";

/** The county's active townships, in code order (the scope of a county admin's import and export). */
export async function countyScope(db: Db, countyId: string): Promise<ImportScope & { kind: "county" }> {
  const { data } = await db.entities.township.query.byCounty({ countyId }).go({ pages: "all" });
  const townships = checkItems(db, "township", data).filter(
    (t) => t.status === "active" && t.countyId === countyId,
  );
  return { kind: "county", countyId, townships };
}

export const townshipScope = (township: ItemOf<"township">): ImportScope => ({ kind: "township", township });

/** Preview: every row's status, and the counts. Nothing is written. */
export async function previewRows(
  db: Db,
  scope: ImportScope,
  rows: ImportRow[],
  actorId: string,
  pendingKeyPersons?: { townshipCode: string; sourceId: string }[],
): Promise<ImportPreviewResult> {
  const plans = await planRows(db, scope, rows, actorId, pendingKeyPersons);
  const results = plans.map((p) => p.result);
  return { rows: results, counts: countsOf(results) };
}
