/**
 * Exact rational arithmetic on BigInt, so no floating-point error can move a cent
 * (scoring.md §5.5: `8 * 201/320 = 5.025` must round to `5.03`).
 */
export type Rational = { readonly n: bigint; readonly d: bigint };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError("division by zero");
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

export const ZERO = rat(0);
export const ONE = rat(1);

const decimalCache = new Map<number, Rational>();

/**
 * The exact value of the decimal a JSON number was written as: `0.95` is 95/100, not the binary
 * double nearest to it. JavaScript prints the shortest decimal that round-trips, which is what was written.
 */
export function fromNumber(x: number): Rational {
  const cached = decimalCache.get(x);
  if (cached) return cached;
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let r: Rational;
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
    r = rat(BigInt(x));
  } else {
    const [mantissa = "0", expPart] = String(x).toLowerCase().split("e");
    const exp = expPart ? Number(expPart) : 0;
    const negative = mantissa.startsWith("-");
    const [intPart = "0", fracPart = ""] = mantissa.replace("-", "").split(".");
    let n = BigInt(intPart + fracPart);
    let d = 10n ** BigInt(fracPart.length);
    if (exp > 0) n *= 10n ** BigInt(exp);
    else if (exp < 0) d *= 10n ** BigInt(-exp);
    r = rat(negative ? -n : n, d);
  }
  if (decimalCache.size < 10_000) decimalCache.set(x, r);
  return r;
}

export function add(a: Rational, b: Rational): Rational {
  return a.d === b.d ? rat(a.n + b.n, a.d) : rat(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Rational, b: Rational): Rational {
  return a.d === b.d ? rat(a.n - b.n, a.d) : rat(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function mul(a: Rational, b: Rational): Rational {
  return rat(a.n * b.n, a.d * b.d);
}
export function div(a: Rational, b: Rational): Rational {
  return rat(a.n * b.d, a.d * b.n);
}
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function min(a: Rational, b: Rational): Rational {
  return cmp(a, b) <= 0 ? a : b;
}
export function max(a: Rational, b: Rational): Rational {
  return cmp(a, b) >= 0 ? a : b;
}
export function sum(xs: readonly Rational[]): Rational {
  return xs.reduce(add, ZERO);
}

/** Rounds half-up (towards +∞ at exactly half a cent) to whole cents. */
export function roundToCents(x: Rational): bigint {
  const scaled = x.n * 100n * 2n + x.d; // 2·100·x + 1, over 2d: floor of that is floor(100x + 1/2)
  const den = 2n * x.d;
  const q = scaled / den;
  // BigInt division truncates towards zero; floor for negatives.
  return scaled < 0n && q * den !== scaled ? q - 1n : q;
}

/** Half-up to 2 decimals, as an exact rational. */
export function round2(x: Rational): Rational {
  return rat(roundToCents(x), 100n);
}

/** A rational already rounded to cents, as the nearest JSON number (e.g. 5.03). */
export function toNumber(x: Rational): number {
  if (x.d === 1n) return Number(x.n);
  return Number(x.n) / Number(x.d);
}

/** The rounded value as a JSON number with at most 2 decimals. */
export function centsNumber(x: Rational): number {
  return Number(roundToCents(x)) / 100;
}
