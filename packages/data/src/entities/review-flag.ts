import { REVIEW_FLAG_OUTCOME_VALUES } from "@pingan/contracts";
import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/** What the county did about a 报喜不报忧 flag: checked and found true, asked for a correction, deducted. */
// The vocabulary is the API's input contract (@pingan/contracts), defined once there and stored as it is.
export const REVIEW_FLAG_OUTCOMES = REVIEW_FLAG_OUTCOME_VALUES;

/**
 * A reviewer's action on one 报喜不报忧 flag of a township-month (issue 15): a note and an outcome. Kept in
 * the county's own partition (`C#<countyId>` / `RF#<month>#<townshipId>#<code>`), so a township's
 * credentials can never read it, and nothing that scores reads it (a flag never changes a score).
 */
export const reviewFlagEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "reviewFlag", version: "1", service: SERVICE },
      attributes: {
        countyId: { type: "string", required: true },
        townshipId: { type: "string", required: true },
        month: { type: "string", required: true },
        /** The flag's rule and kind, e.g. `drop:dispute`, `perfect:C1`, `import:petition`. */
        code: { type: "string", required: true },
        outcome: { type: REVIEW_FLAG_OUTCOMES, required: true },
        note: { type: "string", required: true },
        ...trackedAttributes,
      },
      indexes: {
        byMonth: {
          pk: { field: "pk", composite: ["countyId"], template: key("C#", a("countyId")), casing: "none" },
          sk: {
            field: "sk",
            composite: ["month", "townshipId", "code"],
            template: key("RF#", a("month"), "#", a("townshipId"), "#", a("code")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
