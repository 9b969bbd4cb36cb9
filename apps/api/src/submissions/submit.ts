import { getItem, type ItemOf } from "@pingan/data";
import { AppError, recordState } from "../errors";
import { type CountySettingsCtx, updateCountySettings } from "../onboarding/counties";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";
import { type DeadlineMode, deadlineText, MAX_WORKING_DAY_DEADLINE, monthAt } from "./deadline";
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

/**
 * The county admin sets the day of the following month by which townships submit (default 5), counted
 * as a calendar day or (`mode: "working-day"`) as the N-th working day; without `mode` it stays as it was.
 */
export async function setDeadlineDay(
  ctx: CountySettingsCtx,
  input: { day: number; mode?: DeadlineMode | undefined; expectedVersion: number },
) {
  const mode = input.mode ?? ctx.county.submissionDeadlineMode ?? "day";
  if (mode === "working-day" && input.day > MAX_WORKING_DAY_DEADLINE) {
    throw new AppError(
      "INPUT.INVALID",
      `「截止日」按工作日计时应为 1 到 ${MAX_WORKING_DAY_DEADLINE} 之间的整数（每月第 N 个工作日）`,
      { field: "day" },
    );
  }
  const updated = await updateCountySettings(
    ctx,
    input.expectedVersion,
    "county.setSubmissionDeadline",
    (c) => ({
      ...c,
      submissionDeadlineDay: input.day,
      ...(input.mode ? { submissionDeadlineMode: input.mode } : {}),
    }),
  );
  return {
    day: updated.submissionDeadlineDay ?? null,
    mode: updated.submissionDeadlineMode ?? "day",
    version: updated.version,
  };
}
