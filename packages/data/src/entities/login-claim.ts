import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE } from "./common";
import { a, key } from "./key-template";

/**
 * One sign-in name (a phone number or an e-mail) taken by one account. Created in the same transaction as
 * the account, conditioned on not existing, so two registrations racing for one phone cannot both win
 * (the login indexes on the user are eventually consistent and cannot enforce uniqueness).
 */
export const loginClaimEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "loginClaim", version: "1", service: SERVICE },
      attributes: {
        /** "phone:<digits>" or "email:<lower-case address>". */
        login: { type: "string", required: true },
        userId: { type: "string", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byLogin: {
          pk: { field: "pk", composite: ["login"], template: key("L#", a("login")), casing: "none" },
          sk: { field: "sk", composite: ["login"], template: key("LOGIN#", a("login")), casing: "none" },
        },
      },
    },
    config,
  );
