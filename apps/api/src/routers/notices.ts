import {
  decideNoticeInput,
  issueNoticeInput,
  listCountyNoticesInput,
  noticeIdInput,
  replyNoticeInput,
} from "@pingan/contracts";
import {
  countyNotices,
  decideNotice,
  getNotice,
  issueNotice,
  replyToNotice,
  responsibleCandidates,
  townshipNotices,
} from "../supervision/notices";
import {
  countyProcedure,
  countyTownshipProcedure,
  router,
  townshipProcedure,
  townshipReadProcedure,
} from "../trpc";

/** 督办单: the county issues, the township replies with evidence, the county accepts or returns. */
export const noticesRouter = router({
  /** The township's people a notice may name as responsible. */
  responsibles: countyTownshipProcedure.query(({ ctx }) => responsibleCandidates(ctx)),

  issue: countyTownshipProcedure
    .input(issueNoticeInput)
    .mutation(({ ctx, input }) => issueNotice(ctx, input)),

  /** The county's notices with their lights, newest first. */
  list: countyProcedure.input(listCountyNoticesInput).query(({ ctx, input }) => countyNotices(ctx, input)),

  /** One township's notices with their lights (its own people and its county). */
  townshipList: townshipReadProcedure.query(({ ctx }) => townshipNotices(ctx)),

  get: townshipReadProcedure.input(noticeIdInput).query(({ ctx, input }) => getNotice(ctx, input.id)),

  reply: townshipProcedure.input(replyNoticeInput).mutation(({ ctx, input }) => replyToNotice(ctx, input)),

  accept: countyTownshipProcedure
    .input(decideNoticeInput)
    .mutation(({ ctx, input }) => decideNotice(ctx, { ...input, decision: "accepted" })),

  /** Sends the reply back with a reason; the township must reply again. */
  returnReply: countyTownshipProcedure
    .input(decideNoticeInput)
    .mutation(({ ctx, input }) => decideNotice(ctx, { ...input, decision: "returned" })),
});
