import { ROLES, type Role } from "@pingan/contracts";
import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

// The roles are a vocabulary the API and the admin app share: defined once, in @pingan/contracts.
export { ROLES, type Role };

export const userEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "user", version: "1", service: SERVICE },
      attributes: {
        id: { type: "string", required: true },
        role: { type: ROLES, required: true },
        countyId: { type: "string" },
        townshipId: { type: "string" },
        name: { type: "string", required: true },
        phone: { type: "string", required: true },
        email: { type: "string" },
        /** The e-mail, or a per-user placeholder, so users without one never collide on the index. */
        emailKey: {
          type: "string",
          watch: ["email", "id"],
          set: (_: unknown, item: { email?: string; id?: string }) => item.email ?? `-${item.id}`,
        },
        /** scrypt$N$r$p$salt$hash, all base64url; never leaves the data layer. */
        passwordHash: { type: "string", required: true },
        status: { type: ["active", "disabled"] as const, required: true },
        failedLogins: { type: "number", required: true },
        lockedUntil: { type: "string" },
        mustChangePassword: { type: "boolean", required: true },
        ...trackedAttributes,
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["id"], template: key("U#", a("id")), casing: "none" },
          sk: { field: "sk", composite: ["id"], template: key("USER#", a("id")), casing: "none" },
        },
        /** Sign-in with a phone number. */
        byPhone: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["phone"], template: key("PHONE#", a("phone")), casing: "none" },
          sk: { field: "gsi1sk", composite: ["id"], template: key("U#", a("id")), casing: "none" },
        },
        /** Sign-in with an e-mail address; only users that have one are in this index. */
        byEmail: {
          index: "gsi2",
          pk: {
            field: "gsi2pk",
            composite: ["emailKey"],
            template: key("EMAIL#", a("emailKey")),
            casing: "none",
          },
          sk: { field: "gsi2sk", composite: ["id"], template: key("U#", a("id")), casing: "none" },
        },
      },
    },
    config,
  );
