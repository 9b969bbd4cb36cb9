import { Entity, type EntityConfiguration } from "electrodb";
import {
  filedAttributes,
  importedAttributes,
  SERVICE,
  softDeleteAttributes,
  trackedAttributes,
} from "./common";
import { townshipRecordKey, townshipSortedIndex } from "./key-template";

export const INCIDENT_KINDS = ["criminal", "public_order"] as const;
export const INCIDENT_SEVERITIES = ["ordinary", "major"] as const;

/** A criminal or public-order case (案件). */
export const incidentEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "incident", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        occurredAt: { type: "string", required: true },
        kind: { type: INCIDENT_KINDS, required: true },
        severity: { type: INCIDENT_SEVERITIES, required: true },
        summary: { type: "string", required: true },
        ...importedAttributes,
        ...filedAttributes,
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("INC#"),
        byOccurred: townshipSortedIndex("gsi1", "#INC", "occurredAt"),
      },
    },
    config,
  );
