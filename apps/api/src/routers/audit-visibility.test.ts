import { describe, expect, it } from "vitest";
import { HIDDEN } from "../audit/visibility";
import {
  callerWith,
  createTestServices,
  type RoleName,
  seedTwoTenants,
  signInChangingInitialPassword,
  uniquePhone,
} from "../testing/harness";

// Each role sees in the audit trail only what it may read elsewhere (issue 16): the staff list is the
// township admin's, the county's users list the county admin's, the join code the county admin's, and a
// session id nobody's but its own user's.
const services = await createTestServices("audit-visibility");
const { tenants, tokens } = await seedTwoTenants(services);
const as = (role: Exclude<RoleName, "platform_admin">) => callerWith(services, tokens.A[role]);
const townshipId = tenants.A.townshipId;

// A staff member with a phone and e-mail, who signs in (a session id in the township's trail).
const staffPhone = uniquePhone();
const staffEmail = `staff-${staffPhone}@example.cn`;
const invited = await as("township_admin").staff.invite({
  townshipId,
  name: "审计网格员",
  phone: staffPhone,
  email: staffEmail,
  initialPassword: "Initial-Pass1",
});
const staffSelf = await signInChangingInitialPassword(services, staffPhone, "Initial-Pass1");
// A county reviewer with a phone and e-mail, who signs in (a session id in the county's trail).
const reviewerPhone = uniquePhone();
const reviewerEmail = `reviewer-${reviewerPhone}@example.cn`;
const added = await as("county_admin").counties.addUser({
  name: "审计复核员",
  phone: reviewerPhone,
  email: reviewerEmail,
  role: "county_reviewer",
  initialPassword: "Initial-Pass1",
});
const reviewerSelf = await signInChangingInitialPassword(services, reviewerPhone, "Initial-Pass1");
await as("county_admin").onboarding.rotateJoinCode();
const { joinCode } = await as("county_admin").onboarding.joinCode();

type Caller = ReturnType<typeof as>;
const townshipTrail = async (c: Caller) => (await c.audit.township({ townshipId, limit: 100 })).items;
const countyTrail = async (c: Caller) => (await c.audit.county({ limit: 100 })).items;
type Entry = Awaited<ReturnType<typeof countyTrail>>[number];
const field = (e: Entry | undefined, key: string) =>
  ({ ...(e?.before as object), ...(e?.after as object) })[key as never] as unknown;

const staffCreated = (items: Entry[]) =>
  items.find((e) => e.action === "user.create" && e.entityId === invited.userId);
const reviewerCreated = (items: Entry[]) =>
  items.find((e) => e.action === "user.create" && e.entityId === added.userId);
const signInOf = (items: Entry[], userId: string) =>
  items.find((e) => e.action === "session.signIn" && e.entityId === userId);
const rotation = (items: Entry[]) => items.find((e) => e.action === "county.rotateJoinCode");

describe("the audit trail shows each role only what it may see elsewhere", () => {
  // [viewer, may read colleagues' phone/e-mail]
  it.each([
    ["township_admin", true],
    ["township_staff", false],
    ["county_admin", true],
    ["county_reviewer", false],
  ] as const)(
    "township trail, %s: staff phone and e-mail visible = %s; session ids hidden",
    async (role, sees) => {
      const items = await townshipTrail(as(role));
      const created = staffCreated(items);
      expect(created).toBeDefined();
      expect(field(created, "phone")).toBe(sees ? staffPhone : HIDDEN);
      expect(field(created, "email")).toBe(sees ? staffEmail : HIDDEN);
      expect(field(created, "name")).toBe("审计网格员");
      expect([undefined, HIDDEN]).toContain(field(signInOf(items, invited.userId), "sessionId"));
      if (!sees) {
        expect(items.filter((e) => JSON.stringify(e).includes(staffPhone))).toEqual([]);
        expect(items.filter((e) => JSON.stringify(e).includes(staffEmail))).toEqual([]);
      }
    },
  );

  it.each([
    ["county_admin", true],
    ["county_reviewer", false],
  ] as const)("county trail, %s: users' phone, e-mail and the join code visible = %s", async (role, sees) => {
    const items = await countyTrail(as(role));
    const created = reviewerCreated(items);
    expect(created).toBeDefined();
    expect(field(created, "phone")).toBe(sees ? reviewerPhone : HIDDEN);
    expect(field(created, "email")).toBe(sees ? reviewerEmail : HIDDEN);
    expect(field(rotation(items), "joinCode")).toBe(sees ? joinCode : HIDDEN);
    expect([undefined, HIDDEN]).toContain(field(signInOf(items, added.userId), "sessionId"));
    if (!sees) {
      const text = JSON.stringify(items);
      expect(text).not.toContain(joinCode);
      expect(text).not.toContain(reviewerPhone);
      expect(text).not.toContain(reviewerEmail);
    }
  });

  it("a person sees their own contact details and session ids", async () => {
    const own = await townshipTrail(staffSelf);
    expect(field(staffCreated(own), "phone")).toBe(staffPhone);
    expect(signInOf(own, invited.userId)).toBeDefined();

    const mine = await countyTrail(reviewerSelf);
    expect(field(reviewerCreated(mine), "email")).toBe(reviewerEmail);
    expect(field(rotation(mine), "joinCode")).toBe(HIDDEN);
  });

  it("never shows password or refresh-secret hashes to anyone", async () => {
    for (const role of ["township_admin", "township_staff", "county_admin", "county_reviewer"] as const) {
      const items = await townshipTrail(as(role));
      for (const e of items)
        for (const key of ["passwordHash", "secretHash", "previousSecretHash"]) {
          const v = field(e, key);
          expect(v === undefined || v === HIDDEN).toBe(true);
        }
    }
  });
});
