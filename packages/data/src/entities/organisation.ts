import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { townshipRecordKey } from "./key-template";

/**
 * The township's organisation (issue 14): its villages (村/社区), its grids (网格, each in a village) and
 * its leaders (镇领导, each holding the villages of a 片). All under the township's partition
 * `T#<townshipId>`, so the tenant-scoped client lets only the township and its county reach them.
 * Nothing is removed: an archived village or grid keeps its id, name and people, so the records filed
 * under it stay readable and explainable.
 */
export const VILLAGE_KINDS = ["village", "community"] as const;

const archivedAttributes = {
  archivedAt: { type: "string" },
  archivedBy: { type: "string" },
} as const;

/** A village or community; `cadreId` is its 包村干部, `leaderId` the leader whose 片 it is in. */
export const villageEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "village", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        name: { type: "string", required: true },
        kind: { type: VILLAGE_KINDS, required: true },
        cadreId: { type: "string" },
        leaderId: { type: "string" },
        ...archivedAttributes,
        ...trackedAttributes,
      },
      indexes: { byId: townshipRecordKey("VLG#") },
    },
    config,
  );

/** A grid of a village; `workerId` is its 网格员. */
export const gridEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "grid", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        villageId: { type: "string", required: true },
        name: { type: "string", required: true },
        workerId: { type: "string" },
        ...archivedAttributes,
        ...trackedAttributes,
      },
      indexes: { byId: townshipRecordKey("GRD#") },
    },
    config,
  );

/** A staff member marked as a township leader (`id` is their user id); one who is no longer has `archivedAt`. */
export const leaderEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "leader", version: "1", service: SERVICE },
      attributes: {
        townshipId: { type: "string", required: true },
        id: { type: "string", required: true },
        ...archivedAttributes,
        ...trackedAttributes,
      },
      indexes: { byId: townshipRecordKey("LDR#") },
    },
    config,
  );
