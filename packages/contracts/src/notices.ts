import * as z from "zod";
import { expectedVersion, id, input, int, month, oneOf, optionalText, requestId, text } from "./fields";
import { fieldError } from "./messages";

/** Inputs of the 督办单 (supervision notice) procedures. */

export const NOTICE_RECORD_TYPE_VALUES = [
  "dispute",
  "petition",
  "incident",
  "keyPerson",
  "visit",
  "event",
] as const;
export const NOTICE_SUBJECT_VALUES = ["record", "indicator", "matter"] as const;
export const NOTICE_STATUS_VALUES = ["open", "replied", "returned", "accepted"] as const;

const recordRef = (label: string) =>
  z.object(
    { type: oneOf(`${label}类型`, NOTICE_RECORD_TYPE_VALUES), id: id(label) },
    { error: fieldError(label) },
  );

const chinaDay = (label: string) =>
  z.string({ error: fieldError(label) }).regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    error: `「${label}」应为 YYYY-MM-DD，例如 2026-11-30`,
  });

export const issueNoticeInput = input({
  townshipId: id("乡镇"),
  requestId: requestId().optional(),
  title: text("标题", 100),
  content: text("督办内容", 2000),
  subject: oneOf("督办对象", NOTICE_SUBJECT_VALUES),
  record: recordRef("督办记录").optional(),
  indicator: text("指标", 50).optional(),
  month: month().optional(),
  workingDays: int("办理期限（工作日）", 1, 60).optional(),
  dueDate: chinaDay("截止日期").optional(),
  responsibleUserId: id("责任人"),
});

export const listCountyNoticesInput = input({
  townshipId: id("乡镇").optional(),
  status: oneOf("状态", NOTICE_STATUS_VALUES).optional(),
});

export const noticeIdInput = input({ townshipId: id("乡镇"), id: id("督办单") });

export const replyNoticeInput = input({
  townshipId: id("乡镇"),
  id: id("督办单"),
  expectedVersion: expectedVersion(),
  text: text("回复内容", 2000),
  evidence: z
    .array(recordRef("佐证记录"), { error: fieldError("佐证记录") })
    .max(20)
    .default([]),
});

export const decideNoticeInput = input({
  townshipId: id("乡镇"),
  id: id("督办单"),
  expectedVersion: expectedVersion(),
  reason: optionalText("退回原因", 500),
});
