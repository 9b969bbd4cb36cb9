import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/**
 * One township's row of a published league table, written in the same transaction as the table, under
 * the township's own partition so its rank history is one query.
 */
export const leagueRankEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "leagueRank", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        countyId: { type: "string", required: true },
        period: { type: "string", required: true },
        tableVersion: { type: "number", required: true, padding: { length: 4, char: "0" } },
        rank: { type: "number", required: true },
        total: { type: "number", required: true },
        grade: { type: "string", required: true },
        vetoed: { type: "boolean", required: true },
        rankChange: { type: "number", required: true },
        townships: { type: "number", required: true },
        ...trackedAttributes,
      },
      indexes: {
        byPeriod: {
          pk: {
            field: "pk",
            composite: ["townshipId"],
            template: key("T#", a("townshipId")),
            casing: "none",
          },
          sk: {
            field: "sk",
            composite: ["period", "tableVersion"],
            template: key("RANK#", a("period"), "#", a("tableVersion")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
