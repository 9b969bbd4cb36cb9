import { describe, expect, it } from "vitest";
import { centsNumber, fromNumber, mul, rat, roundToCents } from "./rational";

describe("exact rationals", () => {
  it("reads a JSON decimal as the decimal it was written as, not its binary neighbour", () => {
    expect(fromNumber(0.95)).toEqual(rat(95, 100));
    expect(fromNumber(0.1)).toEqual(rat(1, 10));
    expect(fromNumber(1e-7)).toEqual(rat(1, 10_000_000));
    expect(fromNumber(-2.5)).toEqual(rat(-5, 2));
  });

  it("rounds 8 × 201/320 = 5.025 half-up to 5.03", () => {
    expect(centsNumber(mul(rat(8), rat(201, 320)))).toBe(5.03);
  });

  it("rounds 1.005 to 1.01, where binary floating point would give 1.00", () => {
    expect(centsNumber(fromNumber(1.005))).toBe(1.01);
    expect(Math.round(1.005 * 100) / 100).toBe(1);
  });

  it("rounds exactly half a cent up and anything below it down", () => {
    expect(roundToCents(rat(1005, 1000))).toBe(101n);
    expect(roundToCents(rat(10049999, 10000000))).toBe(100n);
    expect(roundToCents(rat(-1005, 1000))).toBe(-100n);
  });
});
