import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, softDeleteAttributes, trackedAttributes } from "./common";
import { a, key, townshipRecordKey } from "./key-template";

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
        closedAt: { type: "string" },
        /** closedAt, or "OPEN" (sorts after every instant): keeps open ones findable on the same index. */
        closedKey: {
          type: "string",
          watch: ["closedAt"],
          set: (_: unknown, item: { closedAt?: string }) => item.closedAt ?? "OPEN",
        },
        outcome: { type: DISPUTE_OUTCOMES },
        closingNote: { type: "string" },
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("DSP#"),
        /** A township's disputes by report time: lists, and the scorer's reported-in-window reads. */
        byReported: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            composite: ["townshipId"],
            template: key("T#", a("townshipId"), "#DSP"),
            casing: "none",
          },
          sk: {
            field: "gsi1sk",
            composite: ["reportedAt", "id"],
            template: key(a("reportedAt"), "#", a("id")),
            casing: "none",
          },
        },
        /** Closed disputes by closing time: the scorer's closed-in-month reads. */
        byClosed: {
          index: "gsi2",
          pk: {
            field: "gsi2pk",
            composite: ["townshipId"],
            template: key("T#", a("townshipId"), "#DSP#CLOSED"),
            casing: "none",
          },
          sk: {
            field: "gsi2sk",
            composite: ["closedKey", "id"],
            template: key(a("closedKey"), "#", a("id")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
