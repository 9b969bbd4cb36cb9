import { Entity, type EntityConfiguration } from "electrodb";
import {
  filedAttributes,
  importedAttributes,
  SERVICE,
  softDeleteAttributes,
  trackedAttributes,
} from "./common";
import { townshipRecordKey } from "./key-template";

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
        /** A code of the county's key-person categories (county.keyPersonCategories; issue 14). */
        category: { type: "string", required: true },
        registeredAt: { type: "string", required: true },
        deregisteredAt: { type: "string" },
        note: { type: "string" },
        /** The person's own visit frequency (scoring.md §10.3; at most one); else the category's. */
        visitsPerMonth: { type: "number" },
        visitsPerQuarter: { type: "number" },
        /** The 1+n help team (帮扶小组): visits name the member who made them. */
        helpTeam: {
          type: "list",
          items: {
            type: "map",
            properties: {
              id: { type: "string", required: true },
              name: { type: "string", required: true },
              role: { type: "string", required: true },
              phone: { type: "string" },
            },
          },
        },
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
