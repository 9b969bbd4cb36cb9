import * as z from "zod";
import {
  bool,
  expectedVersion,
  id,
  input,
  instant,
  int,
  oneOf,
  optionalText,
  page,
  requestId,
  text,
} from "./fields";
import { keyPersonCategoryCode, VISIT_METHODS } from "./key-persons";
import { fieldError } from "./messages";

/**
 * Record inputs. The API adds the tenant (`townshipId`) to each; the field shapes map onto the scoring
 * data (scoring.md §2), instants are normalised to UTC.
 */

export const DISPUTE_LEVELS = ["blue", "yellow", "red"] as const;
export const DISPUTE_OUTCOMES = ["resolved", "failed", "escalated"] as const;
export const ATTEMPT_RESULTS = ["success", "partial", "failed"] as const;
export const INCIDENT_KINDS = ["criminal", "public_order"] as const;
export const INCIDENT_SEVERITIES = ["ordinary", "major"] as const;
/** The built-in categories the record workbook names (import.md); a county's own list: key-persons.ts. */
export const KEY_PERSON_CATEGORIES = [
  "mental_health",
  "community_correction",
  "released_prisoner",
  "drug_rehab",
] as const;

const edit = { id: id("记录"), expectedVersion: expectedVersion() };
export const recordRefInput = input({ id: id("记录") });
export const removeRecordInput = input({ ...edit, reason: optionalText("删除原因") });

/**
 * Where a record is filed (issue 14): a village and grid of the township, its 责任人 (taken from the grid's
 * 网格员, else the village's 包村干部, when not named) and a 包案领导 (a township leader) for hard cases.
 */
export const filingFields = {
  villageId: id("村（社区）").optional(),
  gridId: id("网格").optional(),
  responsibleId: id("责任人").optional(),
  caseLeaderId: id("包案领导").optional(),
};
/** List filters by where records are filed. */
const filedFilters = {
  villageId: id("村（社区）").optional(),
  gridId: id("网格").optional(),
  responsibleId: id("责任人").optional(),
};

const listRange = { from: instant("起始时间").optional(), to: instant("截止时间").optional(), ...page };

// Disputes (矛盾纠纷)
const disputeFields = {
  level: oneOf("纠纷等级", DISPUTE_LEVELS),
  category: text("纠纷类别", 50),
  partiesBrief: text("当事人简况", 200),
  summary: optionalText("纠纷概要", 2000),
  reportedAt: instant("上报时间"),
};
export const createDisputeInput = input({ requestId: requestId(), ...disputeFields, ...filingFields });
export const updateDisputeInput = input({
  ...edit,
  ...z.object(disputeFields).partial().shape,
  ...filingFields,
});
/**
 * An attempt is made at the dispute's current level (issue 14): `level`, when given, must be that level;
 * a dispute goes up a level only through `escalateDisputeInput`.
 */
export const addAttemptInput = input({
  ...edit,
  at: instant("调解时间"),
  level: oneOf("调解层级", DISPUTE_LEVELS).optional(),
  mediator: text("调解人", 50),
  result: oneOf("调解结果", ATTEMPT_RESULTS),
  note: optionalText("调解情况", 1000),
});
/**
 * 三三调处 (issue 14): escalating, or closing as failed or escalated, with fewer than the scheme's
 * minimum attempts at the current level is refused with DISPUTE.THREE_THREE_SHORTFALL unless the call
 * confirms the shortfall with a reason; a confirmed shortfall is kept on the dispute for the county.
 */
const shortfallFields = {
  confirmShortfall: bool("确认调解次数不足").default(false),
  shortfallReason: optionalText("调解次数不足的原因", 500),
};
export const closeDisputeInput = input({
  ...edit,
  closedAt: instant("办结时间"),
  outcome: oneOf("办结结果", DISPUTE_OUTCOMES),
  closingNote: optionalText("办结说明", 1000),
  ...shortfallFields,
});
/**
 * Escalation (上交升级) is a step in the dispute's timeline: blue → yellow → red, never down. Going to red
 * makes it a hard case with a 包案领导: the one named here (a township leader), else the one it has, else
 * its village's 包片领导.
 */
export const escalateDisputeInput = input({
  ...edit,
  at: instant("上交时间"),
  level: oneOf("上交层级", DISPUTE_LEVELS),
  reason: text("上交原因", 500),
  caseLeaderId: filingFields.caseLeaderId,
  ...shortfallFields,
});
export const listDisputesInput = input({
  level: oneOf("纠纷等级", DISPUTE_LEVELS).optional(),
  status: oneOf("状态", ["open", "closed"] as const).optional(),
  ...filedFilters,
  ...listRange,
});

// Petitions (信访)
const petitionFields = {
  subject: text("信访事项", 200),
  petitionerBrief: text("信访人简况", 200),
  receivedAt: instant("受理时间"),
  skipLevel: bool("是否越级").default(false),
  collective: bool("是否集体访").default(false),
  firstHandledAt: instant("首办时间").optional(),
};
export const createPetitionInput = input({ requestId: requestId(), ...petitionFields, ...filingFields });
export const updatePetitionInput = input({
  ...edit,
  subject: petitionFields.subject.optional(),
  petitionerBrief: petitionFields.petitionerBrief.optional(),
  receivedAt: petitionFields.receivedAt.optional(),
  skipLevel: bool("是否越级").optional(),
  collective: bool("是否集体访").optional(),
  firstHandledAt: petitionFields.firstHandledAt,
  ...filingFields,
});
export const closePetitionInput = input({
  ...edit,
  closedAt: instant("办结时间"),
  settled: bool("是否息诉息访"),
  closingNote: optionalText("办结说明", 1000),
});
export const listPetitionsInput = input({
  status: oneOf("状态", ["open", "closed"] as const).optional(),
  ...filedFilters,
  ...listRange,
});

// Incidents (案件)
const incidentFields = {
  occurredAt: instant("发案时间"),
  kind: oneOf("案件类别", INCIDENT_KINDS),
  severity: oneOf("严重程度", INCIDENT_SEVERITIES),
  summary: text("简要案情", 1000),
};
export const createIncidentInput = input({ requestId: requestId(), ...incidentFields, ...filingFields });
export const updateIncidentInput = input({
  ...edit,
  ...z.object(incidentFields).partial().shape,
  ...filingFields,
});
export const listIncidentsInput = input({
  kind: oneOf("案件类别", INCIDENT_KINDS).optional(),
  ...filedFilters,
  ...listRange,
});

// Key persons (重点人员) and visits (走访)
const keyPersonFields = {
  alias: text("人员代称", 20),
  /** One of the county's categories (checked by the API against the county's list). */
  category: keyPersonCategoryCode("人员类别"),
  registeredAt: instant("列管时间"),
  note: optionalText("备注", 500),
  /** The person's own frequency (at most one), else its category's (scoring.md §10.3). */
  visitsPerMonth: int("每月走访次数", 1, 31).optional(),
  visitsPerQuarter: int("每季走访次数", 1, 93).optional(),
};
export const createKeyPersonInput = input({ requestId: requestId(), ...keyPersonFields, ...filingFields });
export const updateKeyPersonInput = input({
  ...edit,
  ...z.object(keyPersonFields).partial().shape,
  ...filingFields,
});
export const deregisterKeyPersonInput = input({ ...edit, deregisteredAt: instant("解除列管时间") });
export const listKeyPersonsInput = input({
  category: keyPersonCategoryCode("人员类别").optional(),
  includeDeregistered: bool("含已解除列管").default(false),
  ...filedFilters,
  ...page,
});
export const createVisitInput = input({
  requestId: requestId(),
  keyPersonId: id("重点人员"),
  at: instant("走访时间"),
  note: optionalText("走访情况", 1000),
  /** 面访、电话、视频 (issue 14). */
  method: oneOf("走访方式", VISIT_METHODS).default("in_person"),
  /** The help-team member who made the visit; required once the person has a team. */
  memberId: id("走访人").optional(),
});
export const listVisitsInput = input({ keyPersonId: id("重点人员").optional(), ...listRange });

// Events (工作纪实、表彰与不良事件)
const eventFields = {
  kind: z
    .string({ error: fieldError("事件类型") })
    .regex(/^[a-z][a-z0-9_]{1,48}$/, { error: "「事件类型」应为小写英文代码，例如 monthly_meeting" }),
  occurredAt: instant("发生时间"),
  count: int("次数", 1, 10_000).default(1),
  note: optionalText("说明", 1000),
};
export const createEventInput = input({ requestId: requestId(), ...eventFields, ...filingFields });
export const updateEventInput = input({
  ...edit,
  kind: eventFields.kind.optional(),
  occurredAt: eventFields.occurredAt.optional(),
  count: int("次数", 1, 10_000).optional(),
  note: eventFields.note,
  ...filingFields,
});
export const listEventsInput = input({ kind: eventFields.kind.optional(), ...filedFilters, ...listRange });

export type CreateDisputeInput = z.infer<typeof createDisputeInput>;
