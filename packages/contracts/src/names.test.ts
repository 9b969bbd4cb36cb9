import { describe, expect, it } from "vitest";
import { flattenIssues } from "./flatten";
import {
  addCountyUserInput,
  createCountyInput,
  inviteStaffInput,
  registerTownshipInput,
  updateTownshipProfileInput,
} from "./onboarding";

// OWASP CSV injection: a name that a spreadsheet would run as a formula is refused where it is entered.
const FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", " =1"];
const admin = { name: "王某", phone: "13800000001", password: "longenough1" };
const township = { name: "城关镇", code: "510722100", population: 1000, villages: 1, grids: 1 };

const cases: [string, string, (name: string) => { success: boolean; error?: unknown }][] = [
  [
    "乡镇名称 at registration",
    "township.name",
    (name) =>
      registerTownshipInput.safeParse({ joinCode: "ABCD1234", township: { ...township, name }, admin }),
  ],
  [
    "姓名 of the registering admin",
    "admin.name",
    (name) => registerTownshipInput.safeParse({ joinCode: "ABCD1234", township, admin: { ...admin, name } }),
  ],
  [
    "乡镇名称 on rename",
    "name",
    (name) => updateTownshipProfileInput.safeParse({ ...township, name, expectedVersion: 1 }),
  ],
  [
    "姓名 of invited staff",
    "name",
    (name) => inviteStaffInput.safeParse({ ...admin, name, initialPassword: "longenough1" }),
  ],
  [
    "姓名 of a county user",
    "name",
    (name) =>
      addCountyUserInput.safeParse({
        ...admin,
        name,
        role: "county_reviewer",
        initialPassword: "longenough1",
      }),
  ],
  ["县（区）名称", "name", (name) => createCountyInput.safeParse({ name, code: "510722", admin })],
  [
    "姓名 of a county's first admin",
    "admin.name",
    (name) => createCountyInput.safeParse({ name: "示范县", code: "510722", admin: { ...admin, name } }),
  ],
];

const LABEL: Record<string, string> = {
  "township.name": "乡镇名称",
  "admin.name": "姓名",
};

describe("names that would be spreadsheet formulas", () => {
  for (const [what, path, parse] of cases)
    describe(what, () => {
      it.each(FORMULAS)("refuses %j with a Chinese message naming the field", (bad) => {
        const r = parse(bad) as {
          success: boolean;
          error?: { issues: { message: string; path: PropertyKey[] }[] };
        };
        expect(r.success).toBe(false);
        const messages = flattenIssues(r.error?.issues ?? []).fieldErrors[path] ?? [];
        const label = LABEL[path] ?? what.split(" ")[0];
        expect(messages).toContain(`「${label}」不能以 =、+、-、@、制表符或回车开头`);
      });

      it("accepts an ordinary name, and one with a formula character inside", () => {
        expect(parse("城关镇").success).toBe(true);
        expect(parse("城关镇=2").success).toBe(true);
      });
    });
});
