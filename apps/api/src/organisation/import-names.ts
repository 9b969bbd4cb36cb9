import type { Db, ItemOf } from "@pingan/data";
import type { Filing } from "./filing";
import { loadOrganisation } from "./structure";

/**
 * The workbook's 村（社区）/网格/责任人 names → the township's organisation ids (issue 14). A township that
 * has not set up its villages yet keeps the names as text only (resolve answers null: nothing to check);
 * once it has, every name must be one of its live villages, grids (in that village) and active staff.
 */
export type PlaceNames = { village?: string; grid?: string; responsible?: string };
export type NameProblem = { field: "village" | "grid" | "responsible"; message: string };
export type NameResolver = (names: PlaceNames) => { filing: Filing } | { problem: NameProblem } | null;

export async function nameResolver(db: Db, township: ItemOf<"township">): Promise<NameResolver> {
  const org = await loadOrganisation({ tenantServices: { db } as never, township });
  const villages = org.villages.filter((v) => !v.archivedAt);
  if (villages.length === 0) return () => null;
  const grids = org.grids.filter((g) => !g.archivedAt);
  const members = org.members.filter((m) => m.status === "active");
  return ({ village, grid, responsible }) => {
    if (!village && !grid && !responsible) return null;
    let v: ItemOf<"village"> | undefined;
    if (village) {
      v = villages.find((x) => x.name === village);
      if (!v) return { problem: { field: "village", message: `本乡镇没有名为「${village}」的村（社区）` } };
    }
    let g: ItemOf<"grid"> | undefined;
    if (grid) {
      const named = grids.filter((x) => x.name === grid && (!v || x.villageId === v.id));
      if (named.length !== 1)
        return {
          problem: {
            field: "grid",
            message:
              named.length === 0
                ? v
                  ? `「${v.name}」没有名为「${grid}」的网格`
                  : `本乡镇没有名为「${grid}」的网格`
                : `有多个名为「${grid}」的网格，请填写村（社区）`,
          },
        };
      g = named[0];
      v ??= villages.find((x) => x.id === g?.villageId);
    }
    let person: string | undefined;
    if (responsible) {
      const named = members.filter((m) => m.name === responsible);
      if (named.length !== 1)
        return {
          problem: {
            field: "responsible",
            message:
              named.length === 0
                ? `本乡镇没有名为「${responsible}」的在岗人员`
                : `本乡镇有多名「${responsible}」，无法确定责任人`,
          },
        };
      person = named[0]?.userId;
    }
    return {
      filing: {
        villageId: v?.id,
        gridId: g?.id,
        responsibleId: person ?? g?.workerId ?? v?.cadreId,
      },
    };
  };
}
