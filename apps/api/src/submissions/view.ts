import type { ItemOf } from "@pingan/data";
import { submissionDeadline } from "./deadline";
import type { Submission } from "./submission-store";

type Entry = Submission["manualScores"][number];

/** The deadline of a county's month (the county's own day, or the default). */
export const deadlineFor = (county: ItemOf<"county"> | undefined, m: string) => submissionDeadline(m, county);

/** What the API answers for a submission: its status, deadline, lock and the reviewers' entries. */
export function view(s: Submission, deadline: Date, now: Date) {
  const entry = (e: Entry) => ({ ...e, effective: e.confirmedBy !== undefined });
  return {
    townshipId: s.townshipId,
    month: s.month,
    status: s.status,
    version: s.version,
    returnReason: s.returnReason ?? null,
    submittedAt: s.submittedAt ?? null,
    reviewedAt: s.reviewedAt ?? null,
    deadline: deadline.toISOString(),
    locked: s.lockedAt !== undefined || (now >= deadline && s.status === "draft"),
    manualScores: s.manualScores.map(entry),
    adjustments: s.adjustments.map(entry),
  };
}
