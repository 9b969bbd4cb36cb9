import * as z from "zod";
import { expectedVersion, id, input, int, oneOf, optionalText, text } from "./fields";

/**
 * Key-person schedules (issue 14): the county's own categories of key persons, each with a visit
 * frequency (scoring.md §10.3: n a month or n a quarter), the 1+n help team (帮扶小组) of each person and
 * how a visit was made.
 */

export const VISIT_PERIODS = ["month", "quarter"] as const;
export type VisitPeriod = (typeof VISIT_PERIODS)[number];

export type KeyPersonCategoryDef = { code: string; name: string; per: VisitPeriod; times: number };

/**
 * The model a county starts from (and keeps until its admin edits the list). Frequencies follow common
 * practice: 社区矫正 is checked weekly (4 a month), 严重精神障碍 and 社区戒毒 twice a month, 刑满释放 and
 * 信访重点 once a month, 重点青少年 once a quarter.
 */
export const MODEL_KEY_PERSON_CATEGORIES: readonly KeyPersonCategoryDef[] = [
  { code: "community_correction", name: "社区矫正对象", per: "month", times: 4 },
  { code: "mental_health", name: "严重精神障碍患者", per: "month", times: 2 },
  { code: "drug_rehab", name: "社区戒毒康复人员", per: "month", times: 2 },
  { code: "released_prisoner", name: "刑满释放人员", per: "month", times: 1 },
  { code: "petition_focus", name: "信访重点人员", per: "month", times: 1 },
  { code: "key_youth", name: "重点青少年", per: "quarter", times: 1 },
];

/** A category's frequency as the engine reads it (scoring.md §10.3). */
export function categoryFrequency(c: { per: string; times: number }): {
  visitsPerMonth?: number;
  visitsPerQuarter?: number;
} {
  return c.per === "quarter" ? { visitsPerQuarter: c.times } : { visitsPerMonth: c.times };
}

type StoredCategory = { code: string; name: string; per: string; times: number };

/** A county's categories: its own list, or the model's until its admin sets one. */
export function countyKeyPersonCategories(county: {
  keyPersonCategories?: readonly StoredCategory[] | null;
}): KeyPersonCategoryDef[] {
  const own = county.keyPersonCategories;
  if (!own?.length) return [...MODEL_KEY_PERSON_CATEGORIES];
  return own.map((c) => ({ ...c, per: c.per === "quarter" ? "quarter" : "month" }));
}

export const keyPersonCategoryCode = (label: string) =>
  z
    .string({ error: `「${label}」应为小写英文代码，例如 key_youth` })
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: `「${label}」应为小写英文代码，例如 key_youth` });

export const keyPersonCategoryInput = z.object({
  code: keyPersonCategoryCode("类别代码"),
  name: text("类别名称", 30),
  per: oneOf("走访周期", VISIT_PERIODS),
  times: int("走访次数", 1, 31),
});

export const setKeyPersonCategoriesInput = input({
  categories: z.array(keyPersonCategoryInput, { error: "「人员类别」应为列表" }).min(1).max(50),
  expectedVersion: expectedVersion(),
}).superRefine((v, ctx) => {
  const seen = new Set<string>();
  v.categories.forEach((c, i) => {
    if (seen.has(c.code))
      ctx.addIssue({
        code: "custom",
        path: ["categories", i, "code"],
        message: `「类别代码」${c.code} 重复`,
      });
    seen.add(c.code);
  });
});

/** The roles of a 1+n help team member: 司法所、网格员、村干部、镇干部、亲属, or another. */
export const HELP_TEAM_ROLES = [
  "judicial_office",
  "grid_worker",
  "village_cadre",
  "township_cadre",
  "relative",
  "other",
] as const;
export type HelpTeamRole = (typeof HELP_TEAM_ROLES)[number];

export const helpTeamMemberInput = z.object({
  /** An existing member keeps its id (so past visits still name them); a new one gets one from the server. */
  id: id("成员").optional(),
  name: text("成员姓名", 20),
  role: oneOf("成员身份", HELP_TEAM_ROLES),
  phone: optionalText("联系电话", 20),
});

export const setHelpTeamInput = input({
  id: id("记录"),
  expectedVersion: expectedVersion(),
  members: z.array(helpTeamMemberInput, { error: "「帮扶小组」应为列表" }).max(20),
});

/** How a visit was made: 面访、电话、视频. */
export const VISIT_METHODS = ["in_person", "phone", "video"] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
