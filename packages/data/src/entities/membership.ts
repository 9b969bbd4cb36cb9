import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";
import { ROLES } from "./user";

/**
 * A user's place in a tenant, stored under the tenant (scope "C#<countyId>" or "T#<townshipId>") so an
 * admin lists the tenant's people with one query.
 */
export const membershipEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "membership", version: "1", service: SERVICE },
      attributes: {
        scope: { type: "string", required: true },
        userId: { type: "string", required: true },
        role: { type: ROLES, required: true },
        name: { type: "string", required: true },
        phone: { type: "string", required: true },
        status: { type: ["invited", "active", "removed"] as const, required: true },
        ...trackedAttributes,
      },
      indexes: {
        byScope: {
          pk: { field: "pk", composite: ["scope"], template: key(a("scope")), casing: "none" },
          sk: { field: "sk", composite: ["userId"], template: key("MEMBER#", a("userId")), casing: "none" },
        },
      },
    },
    config,
  );
