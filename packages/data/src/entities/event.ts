import { Entity, type EntityConfiguration } from "electrodb";
import {
  filedAttributes,
  importedAttributes,
  SERVICE,
  softDeleteAttributes,
  trackedAttributes,
} from "./common";
import { townshipRecordKey, townshipSortedIndex } from "./key-template";

/** Routine work done, commendations and bad events, by kind (the scheme names the kinds it scores). */
export const eventEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "event", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        kind: { type: "string", required: true },
        occurredAt: { type: "string", required: true },
        count: { type: "number", required: true },
        note: { type: "string" },
        /**
         * A reviewer's request to waive an automatic 迟报漏报 (monthly close), with its reason; a second,
         * different county user confirms it, which deletes the event.
         */
        waiver: {
          type: "map",
          properties: {
            reason: { type: "string", required: true },
            requestedBy: { type: "string", required: true },
            requestedAt: { type: "string", required: true },
          },
        },
        ...importedAttributes,
        ...filedAttributes,
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("EVT#"),
        byOccurred: townshipSortedIndex("gsi1", "#EVT", "occurredAt"),
      },
    },
    config,
  );
