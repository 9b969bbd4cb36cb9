import type { Scheme } from "@pingan/domain";

const PALETTE = ["green", "blue", "gold", "orange", "red"];

/** Tag colours by band, best first; the lowest band is always red. */
export function gradeColor(grade: string, scheme?: Pick<Scheme, "gradeBands">): string {
  const bands = scheme ? [...scheme.gradeBands].sort((a, b) => b.min - a.min).map((b) => b.grade) : [];
  const i = bands.indexOf(grade);
  if (i < 0) return "default";
  if (i === bands.length - 1) return "red";
  return PALETTE[Math.min(i, PALETTE.length - 2)] ?? "default";
}
