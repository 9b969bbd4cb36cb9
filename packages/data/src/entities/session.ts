import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE } from "./common";
import { a, key } from "./key-template";

/**
 * A refresh-token session; the secret is stored hashed and rotated on every refresh. The secret a rotation
 * replaced is kept (hashed) until `previousUntil`, so a client that lost the refresh's response may retry it.
 */
export const sessionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "session", version: "1", service: SERVICE },
      attributes: {
        userId: { type: "string", required: true },
        id: { type: "string", required: true },
        secretHash: { type: "string", required: true },
        /** Epoch seconds; the table's TTL removes expired sessions. */
        expiresAt: { type: "number", required: true },
        createdAt: { type: "string", required: true },
        rotatedAt: { type: "string" },
        /** The hash of the secret the last rotation replaced (not of a retry's). */
        previousSecretHash: { type: "string" },
        /** Until when (ISO instant) that secret may be presented once more instead of counting as reuse. */
        previousUntil: { type: "string" },
        /**
         * Hashes of the secrets recent rotations replaced, newest last (a bounded few): only a secret
         * found here (or in previousSecretHash after its window) proves reuse and ends the session; a secret
         * that never belonged to the session changes nothing.
         */
        retiredSecretHashes: { type: "list", items: { type: "string" } },
        version: { type: "number", required: true },
      },
      indexes: {
        byUser: {
          pk: { field: "pk", composite: ["userId"], template: key("U#", a("userId")), casing: "none" },
          sk: { field: "sk", composite: ["id"], template: key("SESSION#", a("id")), casing: "none" },
        },
      },
    },
    config,
  );
