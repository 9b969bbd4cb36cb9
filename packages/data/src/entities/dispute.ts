import { Entity, type EntityConfiguration } from "electrodb";
import {
  filedAttributes,
  importedAttributes,
  SERVICE,
  softDeleteAttributes,
  trackedAttributes,
} from "./common";
import { townshipRecordKey, townshipSortedIndex } from "./key-template";

export const DISPUTE_LEVELS = ["blue", "yellow", "red"] as const;
export const DISPUTE_OUTCOMES = ["resolved", "failed", "escalated"] as const;
export const ATTEMPT_RESULTS = ["success", "partial", "failed"] as const;

/** A dispute (矛盾纠纷) with its mediation attempts; all instants are stored as UTC ISO strings. */
export const disputeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "dispute", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        level: { type: DISPUTE_LEVELS, required: true },
        category: { type: "string", required: true },
        partiesBrief: { type: "string", required: true },
        summary: { type: "string" },
        reportedAt: { type: "string", required: true },
        attempts: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              id: { type: "string", required: true },
              at: { type: "string", required: true },
              level: { type: DISPUTE_LEVELS, required: true },
              mediator: { type: "string", required: true },
              result: { type: ATTEMPT_RESULTS, required: true },
              note: { type: "string" },
              recordedBy: { type: "string", required: true },
            },
          },
        },
        /**
         * Escalations (上交升级, issue 14): each a step of the timeline that raised `level`; absent on
         * disputes stored before escalation was a step of its own.
         */
        escalations: {
          type: "list",
          items: {
            type: "map",
            properties: {
              id: { type: "string", required: true },
              at: { type: "string", required: true },
              from: { type: DISPUTE_LEVELS, required: true },
              to: { type: DISPUTE_LEVELS, required: true },
              reason: { type: "string", required: true },
              recordedBy: { type: "string", required: true },
              /** The 包案领导 the step gave the dispute (escalated to red, or one named). */
              caseLeaderId: { type: "string" },
            },
          },
        },
        /**
         * 三三调处 shortfalls the township confirmed (issue 14): an escalation, or a close as failed or
         * escalated, with fewer than the scheme's minimum attempts at the level; flagged to the county.
         */
        shortfalls: {
          type: "list",
          items: {
            type: "map",
            properties: {
              at: { type: "string", required: true },
              step: { type: ["escalate", "close"] as const, required: true },
              level: { type: DISPUTE_LEVELS, required: true },
              attempts: { type: "number", required: true },
              minAttempts: { type: "number", required: true },
              reason: { type: "string", required: true },
              confirmedBy: { type: "string", required: true },
            },
          },
        },
        closedAt: { type: "string" },
        /** closedAt, or "OPEN" (sorts after every instant): keeps open ones findable on the same index. */
        closedKey: {
          type: "string",
          watch: ["closedAt"],
          set: (_: unknown, item: { closedAt?: string }) => item.closedAt ?? "OPEN",
        },
        outcome: { type: DISPUTE_OUTCOMES },
        closingNote: { type: "string" },
        ...importedAttributes,
        ...filedAttributes,
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("DSP#"),
        /** A township's disputes by report time: lists, and the scorer's reported-in-window reads. */
        byReported: townshipSortedIndex("gsi1", "#DSP", "reportedAt"),
        /** Closed disputes by closing time: the scorer's closed-in-month reads. */
        byClosed: townshipSortedIndex("gsi2", "#DSP#CLOSED", "closedKey"),
      },
    },
    config,
  );
