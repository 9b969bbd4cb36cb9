import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/** How a county counts its submission deadline: day N of the month, or the N-th working day. */
export const DEADLINE_MODES = ["day", "working-day"] as const;

export const countyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "county", version: "1", service: SERVICE },
      attributes: {
        id: { type: "string", required: true },
        name: { type: "string", required: true },
        code: { type: "string", required: true },
        joinCode: { type: "string" },
        /** Townships submit month m by the end of this day (CST) of the month after m; default 5. */
        submissionDeadlineDay: { type: "number" },
        /** `working-day`: the deadline is the N-th working day (PRC calendar) instead of day N; default `day`. */
        submissionDeadlineMode: { type: DEADLINE_MODES },
        /** The county's 综治例会 day of the month (1–28): townships that have not recorded it are reminded. */
        meetingDay: { type: "number" },
        /** Townships may appeal a month's score until this many working days after its publication; default 5. */
        appealWindowDays: { type: "number" },
        /** The county's key-person categories with their visit frequencies (absent: the model's; issue 14). */
        keyPersonCategories: {
          type: "list",
          items: {
            type: "map",
            properties: {
              code: { type: "string", required: true },
              name: { type: "string", required: true },
              per: { type: "string", required: true },
              times: { type: "number", required: true },
            },
          },
        },
        /** Offboarding (apps/api/src/ops/offboarding.ts): read-only since, and deleted once this has passed. */
        offboardedAt: { type: "string" },
        purgeAfter: { type: "string" },
        ...trackedAttributes,
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["id"], template: key("C#", a("id")), casing: "none" },
          sk: { field: "sk", composite: ["id"], template: key("COUNTY#", a("id")), casing: "none" },
        },
        /** Platform admins list all counties (thousands at most, one small partition). */
        all: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: [], casing: "none" },
          sk: {
            field: "gsi1sk",
            composite: ["code", "id"],
            template: key(a("code"), "#", a("id")),
            casing: "none",
          },
        },
      },
    },
    config,
  );
