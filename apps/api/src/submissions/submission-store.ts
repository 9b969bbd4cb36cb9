import {
  createRecord,
  DataError,
  type Db,
  getItem,
  type ItemOf,
  type TxItem,
  tx,
  updateRecord,
  type WriteContext,
} from "@pingan/data";

/**
 * A township's monthly submission, stored under the township's partition. A month nobody has touched
 * has no item: it reads as a draft at version 0, and the first change creates it (a create that races
 * another create is a CONFLICT, like an edit that races an edit).
 */

export type Submission = ItemOf<"submission">;

export const blankSubmission = (township: { id: string; countyId: string }, month: string) =>
  ({
    townshipId: township.id,
    countyId: township.countyId,
    month,
    status: "draft",
    manualScores: [],
    adjustments: [],
    version: 0,
    createdAt: "",
    createdBy: "",
    updatedAt: "",
    updatedBy: "",
  }) as Submission;

export async function readSubmission(
  db: Db,
  township: { id: string; countyId: string },
  month: string,
): Promise<Submission> {
  const item = await getItem(db, "submission", { townshipId: township.id, month });
  // The key is the township's own; the county check guards against a township moved between counties.
  if (item && item.countyId !== township.countyId) throw new Error("submission outside its county");
  return item ?? blankSubmission(township, month);
}

const submissionConflict = () =>
  new DataError("CONFLICT", "submission changed", "该月填报已被他人修改，请刷新后重试");

export async function changeSubmission(
  db: Db,
  wctx: WriteContext,
  options: {
    township: { id: string; countyId: string };
    month: string;
    expectedVersion: number;
    action: string;
    reason?: string;
    change: (current: Submission) => Submission;
    /** Also record the change in the county's trail (reviews are the county's acts). */
    countyTrail?: boolean;
    /** More items written in the same transaction (all or none). */
    extra?: TxItem[];
  },
): Promise<Submission> {
  const { township, month } = options;
  const scope = `T#${township.id}`;
  const entityId = `${township.id}/${month}`;
  const countyAudit = (before: object | undefined, after: object): TxItem[] =>
    options.countyTrail
      ? [
          tx.audit(db, wctx, {
            scope: `C#${township.countyId}`,
            action: options.action,
            entityType: "submission",
            entityId,
            before,
            after,
            reason: options.reason,
          }),
        ]
      : [];
  if (options.expectedVersion === 0) {
    const current = await getItem(db, "submission", { townshipId: township.id, month });
    if (current) throw submissionConflict();
    const next = options.change(blankSubmission(township, month));
    const { version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, ...fields } = next;
    try {
      const { item } = await createRecord(db, wctx, {
        entity: "submission",
        item: fields,
        key: (x) => ({ townshipId: x.townshipId, month: x.month }),
        entityId,
        scope,
        action: options.action,
        extra: [...countyAudit(undefined, fields), ...(options.extra ?? [])],
      });
      return item;
    } catch (error) {
      if (error instanceof DataError && error.code === "DUPLICATE") throw submissionConflict();
      throw error;
    }
  }
  return updateRecord(db, wctx, {
    entity: "submission",
    key: { townshipId: township.id, month },
    entityId,
    scope,
    expectedVersion: options.expectedVersion,
    action: options.action,
    reason: options.reason,
    change: options.change,
    // The full before/after is in the township's trail; the county's names the act.
    extra: [
      ...countyAudit({ version: options.expectedVersion }, { action: options.action }),
      ...(options.extra ?? []),
    ],
  });
}
