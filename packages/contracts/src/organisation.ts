import type * as z from "zod";
import { bool, displayName, expectedVersion, id, input, month, oneOf, requestId } from "./fields";

/**
 * The township's organisation (issue 14): villages (村/社区), grids (网格) and the people assigned to them.
 * The API adds the tenant (`townshipId`) to each input. A person is a user id of the township's staff;
 * `null` clears an assignment.
 */
export const VILLAGE_KIND_VALUES = ["village", "community"] as const;

const person = (label: string) => id(label).nullable().optional();
const edit = { id: id("记录"), expectedVersion: expectedVersion() };

export const createVillageInput = input({
  requestId: requestId(),
  name: displayName("村（社区）名称", 30),
  kind: oneOf("类型", VILLAGE_KIND_VALUES).default("village"),
  cadreId: person("包村干部"),
  leaderId: person("包片领导"),
});
export const updateVillageInput = input({
  ...edit,
  name: displayName("村（社区）名称", 30).optional(),
  kind: oneOf("类型", VILLAGE_KIND_VALUES).optional(),
  cadreId: person("包村干部"),
  leaderId: person("包片领导"),
});
export const createGridInput = input({
  requestId: requestId(),
  villageId: id("村（社区）"),
  name: displayName("网格名称", 30),
  workerId: person("网格员"),
});
export const updateGridInput = input({
  ...edit,
  name: displayName("网格名称", 30).optional(),
  workerId: person("网格员"),
});
export const archiveOrgUnitInput = input({ ...edit });
/** Marks a staff member as a township leader (包片领导、包案领导) or no longer one. */
export const setLeaderInput = input({ userId: id("人员"), leader: bool("是否镇领导") });
export const orgBreakdownInput = input({ month: month() });

export type CreateVillageInput = z.infer<typeof createVillageInput>;
