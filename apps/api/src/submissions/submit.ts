import { getItem, type ItemOf, updateRecord } from "@pingan/data";
import { AppError, recordState } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../trpc";
import { writeContext } from "../write-context";
import { deadlineText, monthAt } from "./deadline";
import { changeSubmission } from "./submission-store";
import { deadlineFor, view } from "./view";

/** The township admin submits the month (draft or returned → submitted) before the deadline. */
export async function submitMonth(
  ctx: { services: Services; tenantServices: Services; user: SessionUser; township: ItemOf<"township"> },
  input: { month: string; expectedVersion: number },
) {
  const { db } = ctx.tenantServices;
  const now = ctx.services.now();
  const county = await getItem(db, "county", { id: ctx.township.countyId });
  const deadline = deadlineFor(county, input.month);
  if (input.month > monthAt(now)) throw new AppError("INPUT.INVALID", "「月份」尚未开始，不能提交");
  const saved = await changeSubmission(db, writeContext(ctx), {
    township: ctx.township,
    month: input.month,
    expectedVersion: input.expectedVersion,
    action: "submission.submit",
    change: (s) => {
      // A month the county returned may be corrected and resubmitted; a draft locks at the deadline.
      if (s.status !== "returned" && (s.lockedAt || now >= deadline)) {
        throw new AppError(
          "SUBMISSION.LOCKED",
          `已超过报送截止时间（${deadlineText(deadline)}），该月填报已锁定`,
        );
      }
      if (s.status !== "draft" && s.status !== "returned") throw recordState("该月已提交，无需重复提交");
      return {
        ...s,
        status: "submitted",
        returnReason: undefined,
        submittedAt: now.toISOString(),
        submittedBy: ctx.user.id,
      };
    },
  });
  return view(saved, deadline, now);
}

/** The county admin sets the day of the following month by which townships submit (default 5). */
export async function setDeadlineDay(
  ctx: { services: Services; tenantServices: Services; user: SessionUser; county: ItemOf<"county"> },
  input: { day: number; expectedVersion: number },
) {
  const updated = await updateRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity: "county",
    key: { id: ctx.county.id },
    entityId: ctx.county.id,
    scope: `C#${ctx.county.id}`,
    expectedVersion: input.expectedVersion,
    action: "county.setSubmissionDeadline",
    change: (c) => ({ ...c, submissionDeadlineDay: input.day }),
  });
  return { day: updated.submissionDeadlineDay ?? null, version: updated.version };
}
