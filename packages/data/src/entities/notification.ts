import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE } from "./common";
import { a, key } from "./key-template";

/** What a notification is about; the text is fixed per kind and names no person. */
export const NOTIFICATION_KINDS = [
  "notice_issued",
  "notice_due_soon",
  "notice_returned",
  "submission_returned",
  "submission_due",
  "dispute_yellow",
  "dispute_red",
  "appeal_decided",
  "meeting_due",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * An in-app notification, in its recipient's partition (`U#<userId>`). Its id is derived from what it is
 * about (the notice, the month, the dispute), so sending it twice writes nothing the second time: senders
 * create it only if it does not exist. Notifications expire after a while (`expiresAt`, the table's TTL).
 */
export const notificationEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "notification", version: "1", service: SERVICE },
      attributes: {
        userId: { type: "string", required: true },
        id: { type: "string", required: true },
        kind: { type: NOTIFICATION_KINDS, required: true },
        /** The text shown, in Chinese; no personal data (it may also go out by SMS). */
        text: { type: "string", required: true },
        /** The admin app path of the thing it is about. */
        link: { type: "string", required: true },
        townshipId: { type: "string" },
        createdAt: { type: "string", required: true },
        readAt: { type: "string" },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byUser: {
          pk: { field: "pk", composite: ["userId"], template: key("U#", a("userId")), casing: "none" },
          sk: { field: "sk", composite: ["id"], template: key("NTF#", a("id")), casing: "none" },
        },
      },
    },
    config,
  );
