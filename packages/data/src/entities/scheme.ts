import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/** One version of a county's year scheme; versions are never overwritten, a change adds one. */
export const schemeEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "scheme", version: "1", service: SERVICE },
      attributes: {
        countyId: { type: "string", required: true },
        year: { type: "number", required: true },
        schemeVersion: { type: "number", required: true, padding: { length: 4, char: "0" } },
        name: { type: "string", required: true },
        /** The domain's Scheme; validate with parseScheme when reading. */
        body: { type: "any", required: true },
        note: { type: "string" },
        ...trackedAttributes,
      },
      indexes: {
        byYear: {
          pk: { field: "pk", composite: ["countyId"], template: key("C#", a("countyId")), casing: "none" },
          sk: {
            field: "sk",
            composite: ["year", "schemeVersion"],
            template: key("SCHEME#", a("year"), "#", a("schemeVersion")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
