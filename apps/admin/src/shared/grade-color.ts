import type { Scheme } from "@pingan/domain";

const PALETTE = ["green", "blue", "gold", "orange", "red"];

/** The usual grade names, for tables shown without their scheme (the public page). */
const USUAL: Record<string, string> = {
  优秀: "green",
  良好: "blue",
  合格: "gold",
  基本合格: "orange",
  不合格: "red",
};

/** Tag colours by band, best first; the lowest band is always red. */
export function gradeColor(grade: string, scheme?: Pick<Scheme, "gradeBands">): string {
  const bands = scheme ? [...scheme.gradeBands].sort((a, b) => b.min - a.min).map((b) => b.grade) : [];
  const i = bands.indexOf(grade);
  if (i < 0) return USUAL[grade] ?? "default";
  if (i === bands.length - 1) return "red";
  return PALETTE[Math.min(i, PALETTE.length - 2)] ?? "default";
}
