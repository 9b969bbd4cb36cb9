import { NOTICE_RECORD_TYPE_VALUES, NOTICE_STATUS_VALUES, NOTICE_SUBJECT_VALUES } from "@pingan/contracts";
import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key, townshipRecordKey } from "./key-template";

// The vocabularies are the API's input contract (@pingan/contracts), defined once there and stored as they are.
/** What a 督办单 is about: one record of the township, one indicator of a month, or a matter in words. */
export const NOTICE_SUBJECTS = NOTICE_SUBJECT_VALUES;
/** The record types a notice may be about or a reply may link as evidence. */
export const NOTICE_RECORD_TYPES = NOTICE_RECORD_TYPE_VALUES;
/**
 * open: issued, awaiting the township's reply; replied: awaiting the county; returned: the county sent the
 * reply back with a reason, awaiting a new reply; accepted: closed.
 */
export const NOTICE_STATUSES = NOTICE_STATUS_VALUES;

/** Sort value of the due index for a notice nobody is waiting on any more (after every ISO instant). */
export const NOTICE_NOT_DUE = "DONE";

const recordRef = {
  type: "map",
  properties: {
    type: { type: NOTICE_RECORD_TYPES, required: true },
    id: { type: "string", required: true },
  },
} as const;

/**
 * A supervision notice (督办单) from the county to one of its townships, stored in the township's
 * partition. The county lists its notices on gsi1; the daily sweep finds those awaiting a reply past their
 * deadline on gsi2 (`dueKey` is the deadline while a reply is awaiting and not yet marked overdue,
 * NOTICE_NOT_DUE otherwise, so the sweep reads only what it may have to mark).
 */
export const noticeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "notice", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        countyId: { type: "string", required: true },
        title: { type: "string", required: true },
        content: { type: "string", required: true },
        subject: { type: NOTICE_SUBJECTS, required: true },
        record: recordRef,
        indicator: { type: "string" },
        month: { type: "string" },
        issuedAt: { type: "string", required: true },
        issuedBy: { type: "string", required: true },
        issuedByName: { type: "string", required: true },
        /** The instant the reply is due (the end of a China day). */
        dueAt: { type: "string", required: true },
        /** When the deadline was given in working days, how many (for display). */
        workingDays: { type: "number" },
        responsibleUserId: { type: "string", required: true },
        responsibleName: { type: "string", required: true },
        status: { type: NOTICE_STATUSES, required: true },
        replies: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              id: { type: "string", required: true },
              text: { type: "string", required: true },
              evidence: { type: "list", required: true, items: recordRef },
              at: { type: "string", required: true },
              by: { type: "string", required: true },
              byName: { type: "string", required: true },
              /** The county's decision on this reply. */
              decision: { type: ["accepted", "returned"] as const },
              decisionReason: { type: "string" },
              decidedAt: { type: "string" },
              decidedBy: { type: "string" },
            },
          },
        },
        /** Set once by the daily sweep, with the supervision_overdue event it recorded. */
        overdueAt: { type: "string" },
        overdueEventId: { type: "string" },
        acceptedAt: { type: "string" },
        dueKey: { type: "string", required: true },
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("NTC#"),
        /** The county's notices, newest first when read backwards. */
        byCounty: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            composite: ["countyId"],
            template: key("C#", a("countyId"), "#NTC"),
            casing: "none",
          },
          sk: {
            field: "gsi1sk",
            composite: ["issuedAt", "id"],
            template: key(a("issuedAt"), "#", a("id")),
            casing: "none",
          },
        },
        /** The county's notices by deadline, those awaiting a reply before every other. */
        byDue: {
          index: "gsi2",
          pk: {
            field: "gsi2pk",
            composite: ["countyId"],
            template: key("C#", a("countyId"), "#NTCDUE"),
            casing: "none",
          },
          sk: {
            field: "gsi2sk",
            composite: ["dueKey", "id"],
            template: key(a("dueKey"), "#", a("id")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
