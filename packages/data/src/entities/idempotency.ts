import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE } from "./common";
import { a, key } from "./key-template";

/** Remembers which record a client request id created, so a retried create returns it. */
export const idempotencyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "idempotency", version: "1", service: SERVICE },
      attributes: {
        scope: { type: "string", required: true },
        requestId: { type: "string", required: true },
        entityType: { type: "string", required: true },
        /** The created record's primary key, as ElectroDB composite attributes. */
        entityKey: { type: "any", required: true },
        actorId: { type: "string", required: true },
        createdAt: { type: "string", required: true },
        /** Epoch seconds; the table's TTL removes the item after a week. */
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byRequest: {
          pk: { field: "pk", composite: ["scope"], template: key(a("scope")), casing: "none" },
          sk: {
            field: "sk",
            composite: ["requestId"],
            template: key("IDEM#", a("requestId")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
