import { randomUUID } from "node:crypto";
import { countyKeyPersonCategories, type HelpTeamRole, type KeyPersonCategoryDef } from "@pingan/contracts";
import { getItem, type ItemOf } from "@pingan/data";
import { AppError } from "../errors";
import { type CountySettingsCtx, updateCountySettings } from "../onboarding/counties";
import type { Services } from "../services";

/**
 * Key-person schedules (issue 14): the county's categories with their visit frequencies, checked when a
 * township registers a person, and the 1+n help team whose members make the visits.
 */

/** The key-person categories of a county (its own list, or the model's until its admin sets one). */
export async function categoriesOfCounty(
  services: Pick<Services, "db">,
  countyId: string,
): Promise<KeyPersonCategoryDef[]> {
  const county = await getItem(services.db, "county", { id: countyId });
  if (!county) throw new AppError("NOT_FOUND", "县不存在");
  return countyKeyPersonCategories(county);
}

/** A key person's own frequency is at most one of the two (checked on the record as it would be stored). */
export function checkOwnFrequency(record: { visitsPerMonth?: number; visitsPerQuarter?: number }) {
  if (record.visitsPerMonth !== undefined && record.visitsPerQuarter !== undefined)
    throw new AppError("INPUT.INVALID", "「每月走访次数」与「每季走访次数」只能填写一项", {
      field: "visitsPerQuarter",
    });
}

/** A key person's category must be one of its county's. */
export async function assertCountyCategory(
  county: { countyId: string; db: Services["db"] },
  category: string,
) {
  const categories = await categoriesOfCounty(county, county.countyId);
  if (!categories.some((c) => c.code === category))
    throw new AppError(
      "INPUT.INVALID",
      `「人员类别」${category} 不是本县的重点人员类别（可选：${categories.map((c) => c.name).join("、")}）`,
      { field: "category" },
    );
}

type Member = { id?: string; name: string; role: HelpTeamRole; phone?: string };

/** The help team as it will be stored: members keep their ids, new ones get one; an unknown id is refused. */
export function helpTeamOf(current: ItemOf<"keyPerson">, members: readonly Member[]) {
  const known = new Set((current.helpTeam ?? []).map((m) => m.id));
  return members.map((m, i) => {
    if (m.id !== undefined && !known.has(m.id))
      throw new AppError("INPUT.INVALID", `「帮扶小组」第 ${i + 1} 名成员不属于该人员的帮扶小组`, {
        field: "members",
      });
    const out: { id: string; name: string; role: string; phone?: string } = {
      id: m.id ?? randomUUID(),
      name: m.name,
      role: m.role,
    };
    if (m.phone) out.phone = m.phone;
    return out;
  });
}

/** The member who made a visit: required once the person has a team, and one of it. */
export function visitingMember(person: ItemOf<"keyPerson">, memberId: string | undefined) {
  const team = person.helpTeam ?? [];
  if (memberId === undefined) {
    if (team.length > 0)
      throw new AppError("INPUT.INVALID", "「走访人」请选择帮扶小组中走访的成员", { field: "memberId" });
    return undefined;
  }
  const member = team.find((m) => m.id === memberId);
  if (!member)
    throw new AppError("INPUT.INVALID", "「走访人」不是该人员帮扶小组的成员", { field: "memberId" });
  return member;
}

/** The county admin sets the county's key-person categories and their visit frequencies. */
export async function setKeyPersonCategories(
  ctx: CountySettingsCtx,
  input: { categories: KeyPersonCategoryDef[]; expectedVersion: number },
) {
  const county = await updateCountySettings(
    ctx,
    input.expectedVersion,
    "county.setKeyPersonCategories",
    (c) => ({ ...c, keyPersonCategories: input.categories.map((x) => ({ ...x })) }),
  );
  return { categories: countyKeyPersonCategories(county), version: county.version };
}
