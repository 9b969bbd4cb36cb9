import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/** What the monthly close found for one county and month: the preview ranking and who had not submitted. */
export const closeRunEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "closeRun", version: "1", service: SERVICE },
      attributes: {
        countyId: { type: "string", required: true },
        month: { type: "string", required: true },
        schemeVersion: { type: "number" },
        /** The preview ranking (rows without indicators), or absent when the county has no scheme. */
        preview: { type: "any" },
        notSubmitted: { type: "list", required: true, items: { type: "string" } },
        locked: { type: "list", required: true, items: { type: "string" } },
        ...trackedAttributes,
      },
      indexes: {
        byMonth: {
          pk: { field: "pk", composite: ["countyId"], template: key("C#", a("countyId")), casing: "none" },
          sk: { field: "sk", composite: ["month"], template: key("CLOSE#", a("month")), casing: "none" },
        },
      },
    },
    config,
  );
