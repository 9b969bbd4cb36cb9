import { activeLeader, activeMember, getGrid, getVillage, invalid, type OrgReadCtx } from "./structure";

/** The organisation fields of a record (packages/data filedAttributes). */
export type Filing = {
  villageId?: string;
  gridId?: string;
  responsibleId?: string;
  caseLeaderId?: string;
};

/** What an input asks for: a field left out keeps the record's current value (an edit). */
type FilingChange = { [K in keyof Filing]?: string | undefined };

const FILING_KEYS = ["villageId", "gridId", "responsibleId", "caseLeaderId"] as const;

/** Whether an input touches where a record is filed. */
export const touchesFiling = (input: FilingChange) => FILING_KEYS.some((k) => input[k] !== undefined);

/**
 * Where a record is filed and who answers for it (issue 14). The grid must be one of the caller's
 * township (another township's grid is simply not found), not archived, and in the given village (the
 * village is taken from the grid when not given); the 责任人 is the named staff member, else the grid's
 * 网格员, else the village's 包村干部; a 包案领导 must be a township leader, and a red case filed under a
 * village without one gets the village's 包片领导.
 *
 * `current` is the record's filing before an edit: a grid changed without a named 责任人 takes the new
 * chain's, a village changed without a grid drops the old grid.
 */
export async function resolveFiling(
  ctx: OrgReadCtx,
  change: FilingChange,
  options: { current?: Filing; hardCase: boolean },
): Promise<Filing> {
  const current = options.current ?? {};
  const placeChanged = change.villageId !== undefined || change.gridId !== undefined;
  // A new grid brings its village; a new village without a grid drops the old grid.
  let villageId = change.villageId ?? (change.gridId !== undefined ? undefined : current.villageId);
  const gridId =
    change.gridId ??
    (change.villageId !== undefined && change.villageId !== current.villageId ? undefined : current.gridId);

  let chain: string | undefined;
  let villageLeader: string | undefined;
  if (placeChanged) {
    const grid = gridId ? await getGrid(ctx, gridId) : undefined;
    if (grid?.archivedAt) throw invalid("gridId", "「网格」已撤销，不能再归档记录");
    if (grid && villageId && grid.villageId !== villageId)
      throw invalid("gridId", "「网格」不属于所选的村（社区）");
    villageId = villageId ?? grid?.villageId;
    const village = villageId ? await getVillage(ctx, villageId) : undefined;
    if (village?.archivedAt) throw invalid("villageId", "「村（社区）」已撤销，不能再归档记录");
    chain = grid?.workerId ?? village?.cadreId;
    villageLeader = village?.leaderId;
  }

  let responsibleId = change.responsibleId ?? (placeChanged ? undefined : current.responsibleId);
  if (change.responsibleId !== undefined)
    await activeMember(ctx, change.responsibleId, "responsibleId", "责任人");
  responsibleId = responsibleId ?? chain ?? (placeChanged ? undefined : current.responsibleId);

  const caseLeaderId = await resolveCaseLeader(ctx, change.caseLeaderId, {
    current: current.caseLeaderId,
    villageLeaderId: villageLeader,
    hardCase: options.hardCase,
  });

  return { villageId, gridId, responsibleId, caseLeaderId };
}

/**
 * A record's 包案领导 after a change: the named one (an active township leader of the caller's township,
 * else a clear error naming `caseLeaderId`), else the one it has, else, for a hard case, its village's
 * 包片领导.
 */
async function resolveCaseLeader(
  ctx: OrgReadCtx,
  named: string | undefined,
  options: { current?: string; villageLeaderId?: string; hardCase: boolean },
): Promise<string | undefined> {
  if (named !== undefined) {
    await activeLeader(ctx, named, "caseLeaderId", "包案领导");
    return named;
  }
  return options.current ?? (options.hardCase ? options.villageLeaderId : undefined);
}

/**
 * The 包案领导 of a stored record that becomes a hard case where it is filed (a dispute escalated to red,
 * issue 14): the same rule as filing, with the 包片领导 of the village the record is filed under.
 */
export async function caseLeaderOf(
  ctx: OrgReadCtx,
  record: Filing,
  named: string | undefined,
  hardCase: boolean,
): Promise<string | undefined> {
  const needsVillage = named === undefined && !record.caseLeaderId && hardCase && record.villageId;
  const village = needsVillage && record.villageId ? await getVillage(ctx, record.villageId) : undefined;
  return resolveCaseLeader(ctx, named, {
    current: record.caseLeaderId,
    villageLeaderId: village?.leaderId,
    hardCase,
  });
}
