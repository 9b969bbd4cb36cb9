import { Entity, type EntityConfiguration } from "electrodb";
import {
  filedAttributes,
  importedAttributes,
  SERVICE,
  softDeleteAttributes,
  trackedAttributes,
} from "./common";
import { townshipRecordKey, townshipSortedIndex } from "./key-template";

/** A petition (信访). */
export const petitionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "petition", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        subject: { type: "string", required: true },
        petitionerBrief: { type: "string", required: true },
        receivedAt: { type: "string", required: true },
        skipLevel: { type: "boolean", required: true },
        collective: { type: "boolean", required: true },
        firstHandledAt: { type: "string" },
        closedAt: { type: "string" },
        /** closedAt, or "OPEN" (sorts after every instant): keeps open ones findable on the same index. */
        closedKey: {
          type: "string",
          watch: ["closedAt"],
          set: (_: unknown, item: { closedAt?: string }) => item.closedAt ?? "OPEN",
        },
        settled: { type: "boolean" },
        closingNote: { type: "string" },
        ...importedAttributes,
        ...filedAttributes,
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("PET#"),
        byReceived: townshipSortedIndex("gsi1", "#PET", "receivedAt"),
        byClosed: townshipSortedIndex("gsi2", "#PET#CLOSED", "closedKey"),
      },
    },
    config,
  );
