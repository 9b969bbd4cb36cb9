import { Entity, type EntityConfiguration } from "electrodb";
import {
  filedAttributes,
  importedAttributes,
  SERVICE,
  softDeleteAttributes,
  trackedAttributes,
} from "./common";
import { townshipRecordKey } from "./key-template";

export const KEY_PERSON_CATEGORIES = [
  "mental_health",
  "community_correction",
  "released_prisoner",
  "drug_rehab",
] as const;

/** A registered key person (重点人员); the whole register of a township is one sort-key range. */
export const keyPersonEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "keyPerson", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        /** A masked name such as 「张某」: the register needs no more to plan visits. */
        alias: { type: "string", required: true },
        category: { type: KEY_PERSON_CATEGORIES, required: true },
        registeredAt: { type: "string", required: true },
        deregisteredAt: { type: "string" },
        note: { type: "string" },
        /** The visit frequency the workbook gave (scoring.md §10.3; at most one); else the category's. */
        visitsPerMonth: { type: "number" },
        visitsPerQuarter: { type: "number" },
        ...importedAttributes,
        ...filedAttributes,
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("KP#"),
      },
    },
    config,
  );
