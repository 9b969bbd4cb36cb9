import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/** A published league table: an immutable snapshot; a correction is a new tableVersion with a reason. */
export const leagueTableEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "leagueTable", version: "1", service: SERVICE },
      attributes: {
        countyId: { type: "string", required: true },
        period: { type: "string", required: true },
        tableVersion: { type: "number", required: true, padding: { length: 4, char: "0" } },
        schemeId: { type: "string", required: true },
        schemeVersion: { type: "number", required: true },
        /** The domain's LeagueTable as computed. */
        body: { type: "any", required: true },
        /** The inputs it was scored from (or a digest of them). */
        inputs: { type: "any" },
        /** Where its verification bundle is kept (gzipped, immutable key), once written; see publishedBundleOf. */
        bundle: { type: "any" },
        reason: { type: "string" },
        /** A correction published because of an upheld or amended appeal (申诉更正) names it. */
        appealId: { type: "string" },
        /** `internal`: the county's officials only, until made public; absent means public. */
        visibility: { type: ["public", "internal"] as const },
        madePublicAt: { type: "string" },
        ...trackedAttributes,
      },
      indexes: {
        byPeriod: {
          pk: { field: "pk", composite: ["countyId"], template: key("C#", a("countyId")), casing: "none" },
          sk: {
            field: "sk",
            composite: ["period", "tableVersion"],
            template: key("LT#", a("period"), "#", a("tableVersion")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
