import type { Data, Indicator, Scheme } from "../src/types";

/** A one-indicator scheme with no bonus cap surprises, for rule-by-rule tests. */
export function schemeWith(indicators: Indicator[], extra: Partial<Scheme> = {}): Scheme {
  return {
    id: "s",
    countyId: "c",
    year: 2026,
    version: 1,
    name: "测试细则",
    bonusCap: 5,
    gradeBands: [
      { grade: "优秀", min: 90 },
      { grade: "合格", min: 60 },
      { grade: "不合格", min: 0 },
    ],
    indicators,
    ...extra,
  };
}

export function dataWith(extra: Partial<Data> = {}, townships = 1): Data {
  return {
    county: { id: "c", name: "测试县" },
    townships: Array.from({ length: townships }, (_, i) => ({
      id: `t${i + 1}`,
      name: `乡镇${i + 1}`,
      code: `51072210${i}`,
      population: 10_000,
    })),
    ...extra,
  };
}

let seq = 0;
export function ev(kind: string, occurredAt: string, townshipId = "t1", count?: number) {
  seq++;
  return { id: `e${seq}`, townshipId, kind, occurredAt, ...(count === undefined ? {} : { count }) };
}

/** A reproducible shuffle (a linear congruential generator from `seed`), for order-independence properties. */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
