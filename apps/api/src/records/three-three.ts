import type { ItemOf } from "@pingan/data";
import { metricSettings, type Scheme } from "@pingan/domain";
import { AppError } from "../errors";
import { getScheme } from "../schemes/scheme-store";
import type { Services } from "../services";

type Dispute = ItemOf<"dispute">;
type Level = Dispute["level"];
type Shortfall = NonNullable<Dispute["shortfalls"]>[number];

export const LEVEL_ORDER: readonly Level[] = ["blue", "yellow", "red"];
export const LEVEL_NAMES: Record<Level, string> = { blue: "蓝色", yellow: "黄色", red: "红色" };

/**
 * The dispute settings (deadlines, 三三调处's minimum attempts) of the county's newest scheme for a
 * year; a county without one gets the defaults of scoring.md §3. `db` must reach the county's partition.
 */
export async function schemeSettings(db: Services["db"], countyId: string, year: number) {
  const stored = await getScheme(db, countyId, year);
  return metricSettings(stored?.scheme ?? ({} as Scheme));
}

/** What 三三调处 asks of the township at `at` (the scheme year is the UTC+08:00 year, as months are). */
export async function minAttemptsAt(
  ctx: { countyServices: Services; township: ItemOf<"township"> },
  at: string,
): Promise<number> {
  const year = new Date(Date.parse(at) + 8 * 3_600_000).getUTCFullYear();
  return (await schemeSettings(ctx.countyServices.db, ctx.township.countyId, year)).minAttempts;
}

/** Attempts made at the dispute's current level. */
export const attemptsAtLevel = (d: Dispute) => d.attempts.filter((a) => a.level === d.level).length;

/**
 * 三三调处 (issue 14, scoring.md §10.2): leaving the dispute's current level (escalating it, or closing it
 * as failed or escalated) with fewer than `minAttempts` attempts there is refused with
 * DISPUTE.THREE_THREE_SHORTFALL, unless the caller confirms it with a reason: then the shortfall to
 * store on the dispute (the county sees it in the township's month breakdown). No shortfall: undefined.
 */
export function threeThreeShortfall(
  d: Dispute,
  step: Shortfall["step"],
  minAttempts: number,
  confirm: { confirmShortfall: boolean; shortfallReason?: string; at: string; userId: string },
): Shortfall | undefined {
  const attempts = attemptsAtLevel(d);
  if (attempts >= minAttempts) return undefined;
  const what = step === "escalate" ? "上交" : "以调处不成或上交办结";
  const level = LEVEL_NAMES[d.level];
  if (!confirm.confirmShortfall)
    throw new AppError(
      "DISPUTE.THREE_THREE_SHORTFALL",
      `三三调处：「调解层级」${level}层级仅调解 ${attempts} 次，少于每级至少 ${minAttempts} 次的要求；如确需${what}，请确认并填写原因`,
      { attempts, minAttempts, level: d.level },
    );
  if (!confirm.shortfallReason)
    throw new AppError("INPUT.INVALID", "请填写「调解次数不足的原因」", { field: "shortfallReason" });
  return {
    at: confirm.at,
    step,
    level: d.level,
    attempts,
    minAttempts,
    reason: confirm.shortfallReason,
    confirmedBy: confirm.userId,
  };
}
