import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE } from "./common";
import { a, key } from "./key-template";

/** Who changed what, when, before and after; written in the same transaction as the change. */
export const auditEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "audit", version: "1", service: SERVICE },
      attributes: {
        /** "T#<townshipId>" or "C#<countyId>" (or "P#platform"): the tenant whose trail this is. */
        scope: { type: "string", required: true },
        at: { type: "string", required: true },
        id: { type: "string", required: true },
        actorId: { type: "string", required: true },
        actorRole: { type: "string", required: true },
        action: { type: "string", required: true },
        entityType: { type: "string", required: true },
        entityId: { type: "string", required: true },
        before: { type: "any" },
        after: { type: "any" },
        reason: { type: "string" },
      },
      indexes: {
        byScope: {
          pk: { field: "pk", composite: ["scope"], template: key(a("scope")), casing: "none" },
          sk: {
            field: "sk",
            composite: ["at", "id"],
            template: key("AUDIT#", a("at"), "#", a("id")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
