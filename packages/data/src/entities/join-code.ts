import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/** A county's current join code, keyed by the code so registration finds the county with one read. */
export const joinCodeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "joinCode", version: "1", service: SERVICE },
      attributes: {
        code: { type: "string", required: true },
        countyId: { type: "string", required: true },
        ...trackedAttributes,
      },
      indexes: {
        byCode: {
          pk: { field: "pk", composite: ["code"], template: key("J#", a("code")), casing: "none" },
          sk: { field: "sk", composite: ["code"], template: key("JOIN#", a("code")), casing: "none" },
        },
      },
    },
    config,
  );
