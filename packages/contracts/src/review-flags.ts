import * as z from "zod";
import { id, input, int, month, oneOf, text } from "./fields";
import { fieldError } from "./messages";

/** Inputs of the 报喜不报忧 flags (review) and the 同比 counts. */

/** What the county did about a flag: 已核实无误, 已要求整改, 已扣分. */
export const REVIEW_FLAG_OUTCOME_VALUES = ["verified", "correction", "deducted"] as const;

/** A flag's code: its rule and, for drops and imports, the kind of record (`drop:dispute`, `perfect`, `import:petition`). */
const flagCode = () =>
  z
    .string({ error: fieldError("标记") })
    .regex(/^(drop:(dispute|petition|incident)|perfect|import:(dispute|petition|incident))$/, {
      error: "「标记」不是本月的报喜不报忧标记",
    });

export const reviewFlagsInput = input({ townshipId: id("乡镇"), month: month() });

export const reviewFlagsQueueInput = input({ month: month() });

export const recordFlagActionInput = input({
  townshipId: id("乡镇"),
  month: month(),
  code: flagCode(),
  outcome: oneOf("处理结果", REVIEW_FLAG_OUTCOME_VALUES),
  note: text("处理说明", 500),
  /** 0 for the flag's first action. */
  expectedVersion: int("版本号", 0, Number.MAX_SAFE_INTEGER),
});

export const yearOnYearInput = input({ townshipId: id("乡镇"), month: month() });

export const yearOnYearCountyInput = input({ month: month() });
