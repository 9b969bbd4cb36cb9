import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

export const SUBMISSION_STATUSES = ["draft", "submitted", "returned", "approved"] as const;

const reviewedEntry = {
  type: "map",
  properties: {
    id: { type: "string", required: true },
    indicator: { type: "string", required: true },
    /** For an adjustment: the event kind of one of the indicator's bonus or deduction rules it counts as. */
    event: { type: "string" },
    /** For a manual score, the score; for an adjustment, how many events of `event` it counts (scored by the scheme's rule). */
    value: { type: "number", required: true },
    reason: { type: "string", required: true },
    enteredBy: { type: "string", required: true },
    enteredAt: { type: "string", required: true },
    /** 双人复核: an entry counts only once a second reviewer confirmed it. */
    confirmedBy: { type: "string" },
    confirmedAt: { type: "string" },
  },
} as const;

/** A township's month (月度填报). */
export const submissionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "submission", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        countyId: { type: "string", required: true },
        month: { type: "string", required: true },
        status: { type: SUBMISSION_STATUSES, required: true },
        returnReason: { type: "string" },
        submittedAt: { type: "string" },
        submittedBy: { type: "string" },
        reviewedAt: { type: "string" },
        reviewedBy: { type: "string" },
        /** Set when the county's deadline passed before the township submitted (by the monthly close). */
        lockedAt: { type: "string" },
        manualScores: { type: "list", required: true, items: reviewedEntry },
        adjustments: { type: "list", required: true, items: reviewedEntry },
        ...trackedAttributes,
      },
      indexes: {
        byMonth: {
          pk: {
            field: "pk",
            composite: ["townshipId"],
            template: key("T#", a("townshipId")),
            casing: "none",
          },
          sk: { field: "sk", composite: ["month"], template: key("SUB#", a("month")), casing: "none" },
        },
        /** A county's submissions for one month (review queue, supervision of late townships). */
        byCountyMonth: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            composite: ["countyId", "month"],
            template: key("C#", a("countyId"), "#SUB#", a("month")),
            casing: "none",
          },
          sk: {
            field: "gsi1sk",
            composite: ["townshipId"],
            template: key("T#", a("townshipId")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
