import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Passwords are hashed with scrypt (memory-hard, in node:crypto, so nothing native to bundle for Lambda)
 * with a per-user salt. The stored string carries its parameters so the cost can rise later.
 */
const KEY_LENGTH = 32;
export const DEFAULT_COST_LOG2 = 15; // N = 32768, r = 8: 32 MiB, about 100 ms

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const optionsFor = (log2N: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** log2N,
  r,
  p,
  maxmem: 256 * 2 ** log2N * r + 1024 * 1024,
});

export async function hashPassword(password: string, costLog2 = DEFAULT_COST_LOG2): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, optionsFor(costLog2, 8, 1));
  return ["scrypt", costLog2, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(
    password,
    Buffer.from(salt, "base64url"),
    optionsFor(Number(log2N), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, so an unknown account cannot be told apart by timing. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string, costLog2 = DEFAULT_COST_LOG2): Promise<void> {
  dummy ??= hashPassword("not-a-real-password", costLog2);
  await verifyPassword(password, await dummy);
}
