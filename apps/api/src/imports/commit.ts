import type { ImportCommitResult, ImportRow } from "@pingan/contracts";
import {
  DataError,
  type Db,
  stampNew,
  type TxItem,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { AppError } from "../errors";
import { ENTITY } from "./kinds";
import { type ImportScope, type PlannedRow, planRows } from "./plan";

/** DynamoDB's limits on one transaction: 100 items, 4 MB; kept under both with room to spare. */
const MAX_ITEMS = 99; // one left for the live-table version counter writeTransaction adds (packages/data)
const MAX_BYTES = 3_500_000;
/** Transactions of one batch in flight at once (they touch distinct records). */
const PARALLEL = 4;
/** How many error messages the refusal names (preview lists them all). */
const NAMED_ERRORS = 5;

const pick = (x: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, x[k]]));
/** Another import (or an edit) created or changed the record since it was read: run the file again. */
const raced = () =>
  new DataError(
    "CONFLICT",
    "imported record changed meanwhile",
    "导入期间记录已被修改或同时导入，请重新导入该文件",
  );
const size = (x: unknown) => Buffer.byteLength(JSON.stringify(x), "utf8");

/**
 * Writes a checked batch. With any error nothing is written; locked rows are reported and left alone;
 * new records are created under their deterministic ids (a create that meets an existing item fails, so a
 * re-run never duplicates), changed ones replaced at the version read. Records are written in
 * transactions of many records each, per township, each transaction with one audit entry per changed
 * record (only the changed fields) and one naming the records it created, all with the file's name and
 * digest. Key persons go first: a visit of the same batch names one.
 */
export async function commitRows(
  db: Db,
  wctx: WriteContext,
  scope: ImportScope,
  input: { fileName: string; fileDigest: string; rows: ImportRow[] },
): Promise<ImportCommitResult> {
  const plans = await planRows(db, scope, input.rows, wctx.actor.id);
  const errors = plans.filter((p) => p.result.status === "error");
  if (errors.length > 0) {
    const messages = errors.flatMap((p) => p.result.messages ?? []);
    const more = messages.length > NAMED_ERRORS ? `等 ${messages.length} 处` : "";
    throw new AppError(
      "INPUT.INVALID",
      `导入未执行，本批有错误，未写入任何记录：${messages.slice(0, NAMED_ERRORS).join("；")}${more}`,
      { rows: errors.map((p) => p.result) },
    );
  }
  const reason = `导入文件「${input.fileName}」sha256:${input.fileDigest}`;
  // What the county imported from its other systems (信访, 12345) is marked with the file it came from, so
  // review can compare it with what the township recorded itself (review-flags).
  const source = scope.kind === "county" ? input.fileName : undefined;
  const writes = plans.filter((p) => p.result.status === "new" || p.result.status === "changed");
  const stages = [
    writes.filter((p) => p.row.type === "keyPerson"),
    writes.filter((p) => p.row.type !== "keyPerson"),
  ];
  for (const stage of stages) {
    const transactions = group(db, wctx, stage, reason, input.fileDigest, source);
    for (let i = 0; i < transactions.length; i += PARALLEL)
      await Promise.all(transactions.slice(i, i + PARALLEL).map((items) => writeTransaction(db, items)));
  }
  const count = (s: string) => plans.filter((p) => p.result.status === s).length;
  const lockedRows = plans.filter((p) => p.result.status === "locked").map((p) => p.result);
  return {
    created: count("new"),
    updated: count("changed"),
    unchanged: count("unchanged"),
    locked: lockedRows.length,
    lockedRows,
  };
}

/** The batch's writes as transactions, each within one township's partition and DynamoDB's limits. */
function group(
  db: Db,
  wctx: WriteContext,
  plans: PlannedRow[],
  reason: string,
  digest: string,
  source: string | undefined,
): TxItem[][] {
  const byTownship = new Map<string, PlannedRow[]>();
  for (const p of plans) {
    const id = p.township?.id as string;
    byTownship.set(id, [...(byTownship.get(id) ?? []), p]);
  }
  const out: TxItem[][] = [];
  for (const [townshipId, list] of byTownship) {
    const scope = `T#${townshipId}`;
    let items: TxItem[] = [];
    let bytes = 0;
    let created: { type: string; id: string; sourceId: string }[] = [];
    const flush = () => {
      if (created.length > 0)
        items.push(
          tx.audit(db, wctx, {
            scope,
            action: "import.create",
            entityType: "import",
            entityId: digest,
            after: { records: created },
            reason,
          }),
        );
      if (items.length > 0) out.push(items);
      items = [];
      bytes = 0;
      created = [];
    };
    for (const p of list) {
      const entity = ENTITY[p.row.type];
      const record = { ...(p.next as object), townshipId, id: p.id as string, ...(source ? { source } : {}) };
      const recordBytes = size(record);
      // A change takes two items (record, audit); a create one, plus the transaction's summary entry.
      if (items.length + 3 > MAX_ITEMS || bytes + 2 * recordBytes > MAX_BYTES) flush();
      if (p.current === undefined) {
        items.push(tx.create(db, entity, stampNew(wctx, record) as never, raced));
        created.push({ type: p.row.type, id: p.id as string, sourceId: p.row.sourceId });
        bytes += recordBytes;
      } else {
        const current = p.current;
        const changed = p.changed ?? [];
        const next = {
          ...current,
          ...record,
          deletedAt: undefined,
          deletedBy: undefined,
          version: current.version + 1,
          updatedAt: wctx.now.toISOString(),
          updatedBy: wctx.actor.id,
        };
        items.push(tx.replace(db, entity, next as never, current.version));
        items.push(
          tx.audit(db, wctx, {
            scope,
            action: `${entity}.import`,
            entityType: entity,
            entityId: p.id as string,
            before: pick(current, changed),
            after: pick(next, changed),
            reason,
          }),
        );
        bytes += 2 * recordBytes + size(pick(current, changed));
      }
    }
    flush();
  }
  return out;
}
