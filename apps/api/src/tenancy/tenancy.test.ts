import { id, input as objectInput } from "@pingan/contracts";
import { getItem, leadingKeyGrants, scopeKey, type TenantScope } from "@pingan/data";
import { TRPCError } from "@trpc/server";
import { describe, expect, inject, it } from "vitest";
import { createContextInner } from "../context";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";
import { createCallerFactory, router, townshipProcedure, townshipReadProcedure } from "../trpc";
import {
  assumeRoleInput,
  roleSessionName,
  TenantCredentialCache,
  type TenantCredentials,
} from "./credentials";
import { createTenantDbs, type TenantDbs } from "./tenant-dbs";

const services = await createTestServices("tenancy");
// The real guarded tenant clients, each also noting its tenant for every request it sends.
const sent: string[] = [];
const real = services.tenantDbs;
const instrumented = new Set<string>();
const recording: TenantDbs = {
  forScope(scope) {
    const db = real.forScope(scope);
    const key = scopeKey(scope);
    if (!instrumented.has(key)) {
      instrumented.add(key);
      db.client.middlewareStack.add(
        (next) => async (args) => {
          sent.push(key);
          return next(args);
        },
        { step: "initialize", name: "testTenantLog" },
      );
    }
    return db;
  },
};
services.tenantDbs = recording;
const { tenants, tokens } = await seedTwoTenants(services);
const A = tenants.A;

const report = (caller: ReturnType<typeof callerWith>, requestId: string) =>
  caller.disputes.create({
    townshipId: A.townshipId,
    requestId,
    level: "blue",
    category: "邻里纠纷",
    partiesBrief: "张某与李某",
    reportedAt: "2026-11-02T09:00:00+08:00",
  });

/**
 * Handlers with the bug the second wall is for: they take a township id from the input instead of
 * ctx.township. The builders' checks pass (the caller's own township is in `townshipId`); only the tenant
 * client stands between the bug and the other township's data.
 */
const refInput = objectInput({ otherTownshipId: id("乡镇"), id: id("记录") });
const buggy = router({
  read: townshipReadProcedure
    .input(refInput)
    .query(({ ctx, input }) =>
      getItem(ctx.tenantServices.db, "dispute", { townshipId: input.otherTownshipId, id: input.id }),
    ),
  remove: townshipProcedure
    .input(refInput)
    .mutation(({ ctx, input }) =>
      ctx.tenantServices.db.entities.dispute
        .patch({ townshipId: input.otherTownshipId, id: input.id })
        .set({ deletedAt: "2026-11-20T00:00:00.000Z", deletedBy: "attacker" })
        .go(),
    ),
});
const buggyCaller = (token: string) =>
  createCallerFactory(buggy)(createContextInner({ services, accessToken: token }));

const code = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const e = error as TRPCError & { cause?: { code?: string } };
  return `${e.code} ${e.cause?.code ?? ""}`.trim();
};

describe("tenant-scoped procedures", () => {
  it("run a township's record procedures with the township's client, a county user's with the county's", async () => {
    sent.length = 0;
    const staff = callerWith(services, tokens.A.township_staff);
    const d = await report(staff, "tenancy-1");
    await staff.disputes.get({ townshipId: A.townshipId, id: d.id });
    expect(sent.length).toBeGreaterThan(1);
    expect(new Set(sent)).toEqual(new Set([`T#${A.townshipId}`]));
    sent.length = 0;
    const reviewer = callerWith(services, tokens.A.county_reviewer);
    const list = await reviewer.disputes.list({ townshipId: A.townshipId });
    expect(list.items.map((x) => x.id)).toContain(d.id);
    expect(new Set(sent)).toEqual(new Set([`C#${A.countyId}`]));
  });

  it("refuses, with 403 and unexecuted, a handler's read or write of a sibling township's key", async () => {
    // A dispute in the sibling township, written with the function's own client.
    const { item } = await services.db.entities.dispute
      .create({
        townshipId: A.siblingTownshipId,
        id: "sibling-dispute",
        level: "blue",
        category: "c",
        partiesBrief: "p",
        reportedAt: "2026-11-02T01:00:00.000Z",
        attempts: [],
        version: 1,
        createdAt: "x",
        createdBy: "u",
        updatedAt: "x",
        updatedBy: "u",
      })
      .go()
      .then((r) => ({ item: r.data }));
    const caller = buggyCaller(tokens.A.township_admin);
    const input = { townshipId: A.townshipId, otherTownshipId: A.siblingTownshipId, id: item.id };
    expect(await code(caller.read(input))).toBe("FORBIDDEN TENANT.FORBIDDEN");
    expect(await code(caller.remove(input))).toBe("FORBIDDEN TENANT.FORBIDDEN");
    const after = await getItem(services.db, "dispute", { townshipId: A.siblingTownshipId, id: item.id });
    expect(after?.deletedAt).toBeUndefined();
    // Another county's township is refused the same way, also to a county user.
    const foreign = { ...input, otherTownshipId: tenants.B.townshipId };
    expect(await code(buggyCaller(tokens.A.county_admin).read(foreign))).toBe("FORBIDDEN TENANT.FORBIDDEN");
    // The same handler on the caller's own township works: the refusal is about the key, not the handler.
    const own = await report(callerWith(services, tokens.A.township_staff), "tenancy-3");
    const mine = await caller.read({ ...input, otherTownshipId: A.townshipId, id: own.id });
    expect(mine?.id).toBe(own.id);
  });
});

describe("tenant credentials", () => {
  const scopeT: TenantScope = { kind: "township", countyId: "c1", townshipId: "c1-AAAAAAAAAAAAAAAAAAAAAA" };
  const scopeC: TenantScope = { kind: "county", countyId: "c1" };
  const fakeAssume = (clock: { now: number }, lifetimeMs = 3600_000) => {
    const calls: string[] = [];
    let serial = 0;
    const assume = async (scope: TenantScope): Promise<TenantCredentials> => {
      calls.push(scopeKey(scope));
      serial += 1;
      return {
        accessKeyId: `AKIA${serial}`,
        secretAccessKey: "s",
        sessionToken: "t",
        expiration: new Date(clock.now + lifetimeMs),
      };
    };
    return { calls, assume };
  };

  it("assume the role once per tenant until five minutes before expiry, then again", async () => {
    const clock = { now: Date.parse("2026-11-20T00:00:00Z") };
    const { calls, assume } = fakeAssume(clock);
    const cache = new TenantCredentialCache(assume, { now: () => clock.now });
    const [a, b] = await Promise.all([cache.get(scopeT), cache.get(scopeT)]);
    expect(a.accessKeyId).toBe(b.accessKeyId);
    await cache.get(scopeC);
    clock.now += 54 * 60_000; // 6 minutes left: still good
    expect((await cache.get(scopeT)).accessKeyId).toBe(a.accessKeyId);
    expect(calls).toEqual([scopeKey(scopeT), scopeKey(scopeC)]);
    clock.now += 2 * 60_000; // 4 minutes left: renewed
    expect((await cache.get(scopeT)).accessKeyId).not.toBe(a.accessKeyId);
    expect(calls).toEqual([scopeKey(scopeT), scopeKey(scopeC), scopeKey(scopeT)]);
  });

  it("forget a failed call and the least recently used tenant past the limit", async () => {
    const clock = { now: 0 };
    let fail = true;
    const { calls, assume } = fakeAssume(clock);
    const cache = new TenantCredentialCache(
      async (scope) => {
        if (fail) {
          fail = false;
          throw new Error("sts down");
        }
        return assume(scope);
      },
      { now: () => clock.now, maxTenants: 2 },
    );
    await expect(cache.get(scopeT)).rejects.toThrow("sts down");
    await cache.get(scopeT);
    await cache.get(scopeC);
    await cache.get(scopeT); // T is now the most recent
    await cache.get({ kind: "county", countyId: "c2" }); // evicts C
    expect(cache.size).toBe(2);
    await cache.get(scopeT);
    await cache.get(scopeC);
    expect(calls).toEqual(["T#c1-AAAAAAAAAAAAAAAAAAAAAA", "C#c1", "C#c2", "C#c1"]);
  });

  it("sign a tenant's DynamoDB requests with its cached credentials: one AssumeRole for many calls", async () => {
    const clock = { now: Date.now() };
    const { calls, assume } = fakeAssume(clock);
    const dbs = createTenantDbs({
      tableName: services.db.tableName,
      connection: { endpoint: inject("dynamoEndpoint") },
      credentials: new TenantCredentialCache(assume),
    });
    const db = dbs.forScope({ kind: "township", countyId: A.countyId, townshipId: A.townshipId });
    expect(dbs.forScope({ kind: "township", countyId: A.countyId, townshipId: A.townshipId })).toBe(db);
    for (let i = 0; i < 5; i++) {
      const t = await getItem(db, "township", { id: A.townshipId });
      expect(t?.id).toBe(A.townshipId);
    }
    expect(calls).toEqual([`T#${A.townshipId}`]);
  });

  it("ask STS for the tenant role with the tenant's session policy, an hour, and tags naming the tenant", () => {
    const role = "arn:aws:iam::123456789012:role/pingan-dev-TenantAccess";
    const table = "arn:aws:dynamodb:ap-east-1:123456789012:table/pingan-dev";
    const input = assumeRoleInput(scopeT, role, table);
    expect(input).toEqual({
      RoleArn: role,
      RoleSessionName: roleSessionName(scopeT),
      Policy: JSON.stringify(leadingKeyGrants(scopeT, table)),
      DurationSeconds: 3600,
      Tags: [
        { Key: "county", Value: "c1" },
        { Key: "township", Value: scopeT.townshipId },
      ],
    });
    expect(input.RoleSessionName).toMatch(/^township-[0-9a-f]{24}$/);
    expect(roleSessionName(scopeC)).not.toBe(roleSessionName(scopeT));
    expect(assumeRoleInput(scopeC, role, table).Tags).toEqual([{ Key: "county", Value: "c1" }]);
  });
});
