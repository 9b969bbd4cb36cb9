import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/**
 * What a published league table was scored from (the data, compressed, and its digest), written in the
 * same transaction as the table but as its own item, so reading a table never carries its inputs.
 */
export const leagueInputsEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "leagueInputs", version: "1", service: SERVICE },
      attributes: {
        countyId: { type: "string", required: true },
        period: { type: "string", required: true },
        tableVersion: { type: "number", required: true, padding: { length: 4, char: "0" } },
        digest: { type: "string", required: true },
        /**
         * Versions published before chunking: base64 gzip of the scoring data's JSON (absent when it did not
         * fit). Newer versions keep their data in leagueInputChunk items the table's `inputs.chunks` lists.
         */
        dataGzip: { type: "string" },
        ...trackedAttributes,
      },
      indexes: {
        byVersion: {
          pk: { field: "pk", composite: ["countyId"], template: key("C#", a("countyId")), casing: "none" },
          sk: {
            field: "sk",
            composite: ["period", "tableVersion"],
            template: key("LTIN#", a("period"), "#", a("tableVersion")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
