import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key, townshipRecordKey } from "./key-template";

export const APPEAL_STATUSES = ["pending", "upheld", "amended", "rejected"] as const;
export const APPEAL_OUTCOMES = ["upheld", "amended", "rejected"] as const;

/**
 * A township's appeal (申诉) of one indicator's score of a month, with a reason and evidence (links to
 * its records). Reviewers decide it; an amendment (a new manual score, or an adjustment of a kind the
 * indicator scores) counts only once a second, different reviewer confirms it.
 */
export const appealEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "appeal", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        countyId: { type: "string", required: true },
        id: { type: "string", required: true },
        month: { type: "string", required: true },
        indicator: { type: "string", required: true },
        reason: { type: "string", required: true },
        /** Linked records as evidence: `{ type, id }` of the township's own records. */
        evidence: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              type: { type: "string", required: true },
              id: { type: "string", required: true },
            },
          },
        },
        status: { type: APPEAL_STATUSES, required: true },
        filedBy: { type: "string", required: true },
        filedAt: { type: "string", required: true },
        /** The reviewers' decision; an amendment waits for `confirmedBy`, and counts only then. */
        decision: {
          type: "map",
          properties: {
            outcome: { type: APPEAL_OUTCOMES, required: true },
            reason: { type: "string", required: true },
            decidedBy: { type: "string", required: true },
            decidedAt: { type: "string", required: true },
            /** An amended manual score. */
            score: { type: "number" },
            /** An amendment as an adjustment: `count` events of a kind one of the indicator's rules scores. */
            event: { type: "string" },
            count: { type: "number" },
            confirmedBy: { type: "string" },
            confirmedAt: { type: "string" },
          },
        },
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("APL#"),
        /** A county's appeals, newest first (the reviewers' queue). */
        byCounty: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            composite: ["countyId"],
            template: key("C#", a("countyId"), "#APL"),
            casing: "none",
          },
          sk: {
            field: "gsi1sk",
            composite: ["filedAt", "id"],
            template: key(a("filedAt"), "#", a("id")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
