import { describe, expect, it } from "vitest";
import { sessionLabel } from "../auth/tokens";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  TEST_PASSWORD,
  uniquePhone,
} from "../testing/harness";
import { provisionUser } from "../testing/provisioning";

const services = await createTestServices("audit");
const { tenants, tokens } = await seedTwoTenants(services);
const admin = callerWith(services, tokens.A.county_admin);
const reviewer = callerWith(services, tokens.A.county_reviewer);
const staff = callerWith(services, tokens.A.township_staff);

describe("audit trails", () => {
  it("pages through the county's trail, newest first, without repeating or skipping an entry", async () => {
    await admin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    await admin.onboarding.rotateJoinCode();
    await admin.onboarding.rotateJoinCode();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof reviewer.audit.county>> = await reviewer.audit.county({
        cursor,
        limit: 2,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.cursor;
    } while (cursor);
    const all = await reviewer.audit.county({ limit: 100 });
    expect(seen).toEqual(all.items.map((e) => e.id));
    expect(all.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["scheme.save", "county.rotateJoinCode", "township.create", "county.create"]),
    );
    const times = all.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("names the people and townships of the county's own trail instead of showing their ids", async () => {
    await admin.onboarding.rotateJoinCode();
    const { items } = await reviewer.audit.county({ limit: 100 });
    const rotated = items.find((e) => e.action === "county.rotateJoinCode");
    expect(rotated).toMatchObject({ actorName: "A-county_admin", actorRole: "county_admin" });
    const created = items.filter((e) => e.action === "township.create").map((e) => e.entityName);
    expect(created.sort()).toEqual(["A乡", "A镇"]);
    // The seed's own entries have no person behind them; those stay unnamed, not made up.
    for (const e of items.filter((e) => e.actorId === "system")) expect(e.actorName).toBeNull();

    await staff.events.create({
      townshipId: tenants.A.townshipId,
      requestId: "audit-named-1",
      kind: "monthly_meeting",
      occurredAt: "2026-11-04T09:00:00+08:00",
    });
    const own = await staff.audit.township({ townshipId: tenants.A.townshipId });
    expect(own.items.find((e) => e.action === "event.create")?.actorName).toBe("A-township_staff");
  });

  it("shows a township's changes with before and after, only to that township and its county", async () => {
    const created = await staff.events.create({
      townshipId: tenants.A.townshipId,
      requestId: "audit-event-1",
      kind: "monthly_meeting",
      occurredAt: "2026-11-03T09:00:00+08:00",
    });
    const own = await callerWith(services, tokens.A.township_admin).audit.township({
      townshipId: tenants.A.townshipId,
    });
    expect(own.items.find((e) => e.entityId === created.id)).toMatchObject({
      action: "event.create",
      entityId: created.id,
      after: expect.objectContaining({ kind: "monthly_meeting" }),
    });
    const sibling = await reviewer.audit.township({ townshipId: tenants.A.siblingTownshipId });
    expect(sibling.items.map((e) => e.entityId)).not.toContain(created.id);
    await expect(
      callerWith(services, tokens.B.county_admin).audit.township({ townshipId: tenants.A.townshipId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      (await callerWith(services, tokens.B.county_admin).audit.county({})).items.map((e) => e.entityId),
    ).not.toContain(created.id);
  });

  it("answers a made-up cursor with a 400, not a 500", async () => {
    await expect(reviewer.audit.county({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("account events in the audit trail", () => {
  // In-process there is no cookie jar: the refresh token comes in the body.
  const signIn = async (login: string, password: string) => {
    const pair = await anonymous(services).auth.signIn({ login, password });
    return { ...pair, refreshToken: pair.refreshToken ?? "" };
  };

  it("records sign-in, sign-out, password change, a reused refresh token and a lockout in the county's trail, without secrets", async () => {
    const phone = uniquePhone();
    const user = await provisionUser(services, {
      name: "审计复核员",
      phone,
      password: TEST_PASSWORD,
      role: "county_reviewer",
      countyId: tenants.A.countyId,
    });
    const start = services.now();
    const a = await signIn(phone, TEST_PASSWORD);
    const b = await signIn(phone, TEST_PASSWORD);
    await anonymous(services).auth.signOut({ refreshToken: b.refreshToken });
    await callerWith(services, a.accessToken).auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: "Changed-Pass1",
    });
    const rotated = await anonymous(services).auth.refresh({ refreshToken: a.refreshToken });
    expect(rotated.refreshToken).toBeTruthy();
    services.setNow(new Date(start.getTime() + 60_000).toISOString()); // past the retry window
    try {
      await expect(anonymous(services).auth.refresh({ refreshToken: a.refreshToken })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
      for (let i = 0; i < 5; i++) {
        await expect(signIn(phone, `wrong-guess-${i}`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      }
      await expect(signIn(phone, "Changed-Pass1")).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    } finally {
      services.setNow(start.toISOString());
    }

    const trail = (await admin.audit.county({ limit: 100 })).items.filter((e) => e.entityId === user.id);
    const actions = trail.map((e) => e.action);
    expect(actions.filter((a) => a === "session.signIn")).toHaveLength(2);
    expect(actions.filter((a) => a === "user.lock")).toHaveLength(1);
    expect(actions).toEqual(
      expect.arrayContaining(["session.signOut", "user.changePassword", "session.revokeReusedToken"]),
    );
    const byAction = (action: string) => trail.find((e) => e.action === action);
    // A session appears by a one-way label, never by its id (which names it in refresh tokens).
    const labelOf = (token: string) => sessionLabel(token.split(".")[1] ?? "");
    expect(byAction("session.signOut")).toMatchObject({
      actorId: user.id,
      actorRole: "county_reviewer",
      before: { session: labelOf(b.refreshToken) },
    });
    expect(byAction("session.revokeReusedToken")).toMatchObject({
      actorId: "system",
      before: { session: labelOf(a.refreshToken) },
      reason: expect.stringContaining("刷新令牌"),
    });
    expect(byAction("user.lock")).toMatchObject({
      actorId: "system",
      after: { failedLogins: 5, lockedUntil: expect.any(String) },
    });
    expect(byAction("user.changePassword")).toMatchObject({ actorId: user.id });

    const text = JSON.stringify(trail);
    const secrets = [
      TEST_PASSWORD,
      "Changed-Pass1",
      "wrong-guess",
      "passwordHash",
      "secretHash",
      "sessionId",
    ];
    for (const t of [a, b, rotated])
      secrets.push(t.accessToken, t.refreshToken ?? "", ...(t.refreshToken ?? "").split(".").slice(1));
    for (const secret of secrets) expect(text).not.toContain(secret);

    // Only the account's own tenant sees them.
    const elsewhere = await callerWith(services, tokens.B.county_admin).audit.county({ limit: 100 });
    expect(elsewhere.items.map((e) => e.entityId)).not.toContain(user.id);
  });

  it("records a township user's sign-in in the township's trail", async () => {
    const phone = uniquePhone();
    const user = await provisionUser(services, {
      name: "审计网格员",
      phone,
      password: TEST_PASSWORD,
      role: "township_staff",
      countyId: tenants.A.countyId,
      townshipId: tenants.A.townshipId,
    });
    await signIn(phone, TEST_PASSWORD);
    const own = await callerWith(services, tokens.A.township_admin).audit.township({
      townshipId: tenants.A.townshipId,
      limit: 100,
    });
    expect(own.items.find((e) => e.entityId === user.id && e.action === "session.signIn")).toMatchObject({
      actorId: user.id,
      actorRole: "township_staff",
    });
    const county = await admin.audit.county({ limit: 100 });
    expect(county.items.map((e) => e.entityId)).not.toContain(user.id);
  });
});
