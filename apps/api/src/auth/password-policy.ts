import { AppError } from "../errors";

/**
 * What a new password must not be, beyond the length the input schema checks: a common password (or a
 * trivial variation of one), the account's phone number, name or e-mail name (or trivial variations), or
 * a run of repeated or consecutive characters.
 *
 * The common-password list is `@zxcvbn-ts/language-common`'s `passwords-common` (about 49,000 passwords
 * ranked by frequency in public breach corpora; MIT, maintained with zxcvbn-ts, a single data package with
 * no code to run), plus CHINESE_COMMON below: that list is drawn mostly from English-speaking breaches and
 * misses the passwords most used in China (e.g. woaini1314, 88888888, dearbook from the 2011 CSDN leak),
 * which is who signs in here. Only the list is used, not zxcvbn's estimator: a plain rule is one the
 * message can name.
 */

/** Common Chinese passwords missing from the generic list (published rankings of Chinese breaches). */
const CHINESE_COMMON = [
  "woaini1314",
  "woaini520",
  "woaini123",
  "woaini",
  "woaiwojia",
  "5201314",
  "52013145201314",
  "1314520",
  "5201314520",
  "woshishui",
  "dearbook",
  "xiazhili",
  "zhang123",
  "wang123456",
  "li123456",
  "qq123456",
  "qq5201314",
  "qwe123456",
  "abc123456",
  "a123456",
  "a123456789",
  "a1234567",
  "a12345678",
  "aa123456",
  "aa123456789",
  "123456a",
  "123456aa",
  "123456abc",
  "123456qq",
  "123qweasd",
  "1q2w3e4r5t",
  "1qaz2wsx3edc",
  "qazwsx123",
  "zxcvbnm123",
  "asd123456",
  "147258369",
  "147258",
  "159357",
  "159753",
  "123654789",
  "789456123",
  "741852963",
  "321654987",
  "110110110",
  "11223344",
  "12341234",
  "12344321",
  "12121212",
  "31415926",
  "3141592653",
  "iloveyou1314",
  "pingan123",
  "pingan2026",
  "admin123",
  "admin888",
  "admin@123",
  "root1234",
  "zhengfawei",
  "zhengfa123",
];

/**
 * A password as a whole is checked against the whole list; the word at its heart (digits and symbols
 * stripped from its ends, "Dragon2026!" → "dragon") only against the most common TOP_CORE of it, so that
 * "word + year" is refused for the words everyone picks, not for any word some breach once contained.
 */
const TOP_CORE = 2000;
let lists: { all: Set<string>; top: Set<string> } | undefined;
async function commonPasswords() {
  if (!lists) {
    // Loaded on first use: a cold start that sets no password never decompresses the list.
    const { dictionary } = await import("@zxcvbn-ts/language-common");
    const ranked = dictionary["passwords-common"];
    lists = {
      all: new Set([...ranked, ...CHINESE_COMMON]),
      top: new Set([...ranked.slice(0, TOP_CORE), ...CHINESE_COMMON]),
    };
  }
  return lists;
}

const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "0": "o",
  "1": "l",
  "3": "e",
  $: "s",
  "5": "s",
  "7": "t",
  "!": "i",
};
const unleet = (s: string) => s.replace(/[@40135$7!]/g, (c) => LEET[c] ?? c);
/** The word at the heart of a password: without digits or symbols stuck on either end. */
const core = (s: string) => s.replace(/^[\d\W_]+|[\d\W_]+$/g, "");

/** Whether the password, or a trivial variation of it (case, leetspeak, digits and symbols around a common word), is common. */
async function isCommon(password: string): Promise<boolean> {
  const { all, top } = await commonPasswords();
  const lower = password.normalize("NFKC").toLowerCase();
  const whole = [lower, unleet(lower)];
  const cores = [core(lower), core(unleet(lower)), unleet(core(lower))].filter((c) => c.length >= 4);
  return whole.some((w) => all.has(w)) || cores.some((c) => top.has(c));
}

/** Repeated or consecutive characters only (aaaa1111, abcdefgh, 98765432). */
function isTrivialRun(password: string): boolean {
  if (new Set(password).size < 4) return true;
  const codes = [...password].map((c) => c.codePointAt(0) ?? 0);
  const steps = new Set(codes.slice(1).map((c, i) => c - (codes[i] ?? 0)));
  return steps.size === 1 && [...steps].every((s) => Math.abs(s) <= 1);
}

export type PasswordOwner = { phone: string; name: string; email?: string };

/** Why the password may not be used, in Chinese and naming the field's label; undefined if it may. */
export async function passwordProblem(
  password: string,
  owner: PasswordOwner,
  label: string,
): Promise<string | undefined> {
  const lower = password.normalize("NFKC").toLowerCase();
  const digits = lower.replace(/\D/g, "");
  const phone = owner.phone.replace(/\D/g, "");
  const reversed = [...phone].reverse().join("");
  // The number, its last six digits (the part people use), or the number backwards, anywhere in it.
  if (phone.length >= 7 && (digits.includes(phone.slice(-6)) || digits.includes(reversed.slice(0, 6))))
    return `「${label}」不能包含手机号`;
  const name = owner.name.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  if (name.length >= 2 && lower.replace(/\s+/g, "").includes(name)) return `「${label}」不能包含姓名`;
  const mailbox = owner.email?.split("@")[0]?.toLowerCase();
  if (mailbox && mailbox.length >= 4 && lower.includes(mailbox)) return `「${label}」不能包含电子邮箱名`;
  if (isTrivialRun(lower)) return `「${label}」过于简单（重复或连续的字符），请换一个`;
  if (await isCommon(password)) return `「${label}」是常见密码，容易被猜中，请换一个`;
  return undefined;
}

/** Refuses a password the policy forbids, as a field error of `field` (400, INPUT.INVALID). */
export async function assertPasswordAllowed(
  password: string,
  owner: PasswordOwner,
  field: { name: string; label: string },
): Promise<void> {
  const problem = await passwordProblem(password, owner, field.label);
  if (problem) throw new AppError("INPUT.INVALID", problem, { field: field.name });
}
