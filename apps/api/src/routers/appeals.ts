import { input as fields, id, int, month, text } from "@pingan/contracts";
import * as z from "zod";
import {
  appealWindow,
  confirmAmendment,
  decideAppeal,
  EVIDENCE_TYPES,
  fileAppeal,
  listCountyAppeals,
  listTownshipAppeals,
  setAppealWindow,
  withdrawAmendment,
} from "../appeals/appeals";
import {
  countyAdminProcedure,
  countyProcedure,
  countyTownshipProcedure,
  router,
  townshipAdminProcedure,
  townshipReadProcedure,
} from "../trpc";

const reason = () => text("理由", 500);
const versioned = { appealId: id("申诉"), expectedVersion: int("版本号", 1, Number.MAX_SAFE_INTEGER) };
const evidence = z
  .array(
    z.object({
      type: z.enum(EVIDENCE_TYPES, {
        error: "「证据类型」应为纠纷、信访、案事件、工作事项、重点人员或走访之一",
      }),
      id: id("证据记录"),
    }),
    { error: "「证据」格式不正确" },
  )
  .max(20, { error: "「证据」最多 20 项" });

/** Appeals (申诉) of a month's indicator score: filed by the township admin, decided by the county (appeals/). */
export const appealsRouter = router({
  /** Whether the township may still appeal a month, and until when. */
  window: townshipReadProcedure
    .input(fields({ month: month() }))
    .query(({ ctx, input }) => appealWindow(ctx, input.month)),

  /** The township's appeals with their status. */
  list: townshipReadProcedure.query(({ ctx }) => listTownshipAppeals(ctx)),

  /** The township admin appeals one indicator's score of a month, with a reason and linked records. */
  file: townshipAdminProcedure
    .input(fields({ month: month(), indicator: text("指标", 32), reason: reason(), evidence }))
    .mutation(({ ctx, input }) => fileAppeal(ctx, input)),

  /** The county's appeals (the reviewers' queue), newest first. */
  queue: countyProcedure
    .input(fields({ pendingOnly: z.boolean({ error: "「仅待处理」应为是或否" }).optional() }))
    .query(({ ctx, input }) => listCountyAppeals(ctx, input)),

  /** A reviewer decides: upheld, rejected, or amended (waits for a second reviewer). */
  decide: countyTownshipProcedure
    .input(
      fields({
        ...versioned,
        outcome: z.enum(["upheld", "amended", "rejected"], { error: "「处理结果」应为维持、更正或驳回" }),
        reason: reason(),
        score: z
          .number({ error: "「更正分数」应为数字" })
          .min(0, { error: "「更正分数」不能小于 0" })
          .optional(),
        event: text("加减分事项", 64).optional(),
        count: int("次数", 1, 100).optional(),
      }),
    )
    .mutation(({ ctx, input }) => decideAppeal(ctx, input)),

  /** A second, different reviewer confirms an amendment; the amended score then counts. */
  confirmAmendment: countyTownshipProcedure
    .input(fields(versioned))
    .mutation(({ ctx, input }) => confirmAmendment(ctx, input)),

  /** Withdraws an amendment not yet confirmed, with a reason. */
  withdrawAmendment: countyTownshipProcedure
    .input(fields({ ...versioned, reason: reason() }))
    .mutation(({ ctx, input }) => withdrawAmendment(ctx, input)),

  /** The county admin sets the appeal window: working days after publication (default 5). */
  setWindow: countyAdminProcedure
    .input(
      fields({
        days: int("申诉期工作日数", 1, 30),
        expectedVersion: int("版本号", 1, Number.MAX_SAFE_INTEGER),
      }),
    )
    .mutation(({ ctx, input }) => setAppealWindow(ctx, input)),
});
