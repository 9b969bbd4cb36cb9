import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE } from "./common";
import { a, key } from "./key-template";

/** A user's notification preferences: SMS is opt-in (off unless the user turns it on). */
export const notifyPrefsEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "notifyPrefs", version: "1", service: SERVICE },
      attributes: {
        userId: { type: "string", required: true },
        sms: { type: "boolean", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byUser: {
          pk: { field: "pk", composite: ["userId"], template: key("U#", a("userId")), casing: "none" },
          sk: { field: "sk", composite: [], template: "NPREF", casing: "none" },
        },
      },
    },
    config,
  );

/** How many SMS a township's people have been sent on one China day (the per-township rate limit). */
export const smsQuotaEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "smsQuota", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        day: { type: "string", required: true },
        count: { type: "number", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byDay: {
          pk: {
            field: "pk",
            composite: ["townshipId"],
            template: key("T#", a("townshipId")),
            casing: "none",
          },
          sk: { field: "sk", composite: ["day"], template: key("SMSQ#", a("day")), casing: "none" },
        },
      },
    },
    config,
  );
