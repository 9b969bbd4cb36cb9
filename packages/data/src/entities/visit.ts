import { Entity, type EntityConfiguration } from "electrodb";
import { importedAttributes, SERVICE, softDeleteAttributes, trackedAttributes } from "./common";
import { townshipRecordKey, townshipSortedIndex } from "./key-template";

/** A visit to a key person (走访). */
export const visitEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "visit", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        keyPersonId: { type: "string", required: true },
        at: { type: "string", required: true },
        note: { type: "string" },
        /** 面访、电话、视频 (absent on visits recorded before it was asked: in person). */
        method: { type: "string" },
        /** The help-team member who made it, with their name as it was then. */
        memberId: { type: "string" },
        memberName: { type: "string" },
        ...importedAttributes,
        ...softDeleteAttributes,
        ...trackedAttributes,
      },
      indexes: {
        byId: townshipRecordKey("VIS#"),
        byAt: townshipSortedIndex("gsi1", "#VIS", "at"),
      },
    },
    config,
  );
