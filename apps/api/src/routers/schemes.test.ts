import { modelScheme2026 as modelScheme } from "@pingan/data";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("schemes");
const { tokens } = await seedTwoTenants(services);
const admin = callerWith(services, tokens.A.county_admin);
const reviewer = callerWith(services, tokens.A.county_reviewer);
const otherAdmin = callerWith(services, tokens.B.county_admin);

describe("schemes", () => {
  it("refuses an invalid scheme with a 400 whose Chinese messages name each field", async () => {
    const broken = structuredClone(modelScheme) as Record<string, unknown> & {
      indicators: Record<string, unknown>[];
    };
    broken.indicators[1] = {
      ...broken.indicators[1],
      base: { kind: "ratio", metric: "dispute.resolution_rate", target: 0.5, floor: 0.8 },
    };
    const error = await admin.schemes
      .save({ year: 2030, expectedVersion: 0, scheme: broken })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const message = (error as TRPCError).message;
    expect(message).toContain("indicators[1].base.target");
    expect(message).toMatch(/满分线.*零分线/);
  });

  it("answers an invalid scheme over HTTP with field errors a form can place", async () => {
    const broken = { ...modelScheme, bonusCap: -1, gradeBands: [{ grade: "合格", min: 60 }] };
    const response = await createApp({ services }).request("/trpc/schemes.save", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.A.county_admin}` },
      body: JSON.stringify({ year: 2030, expectedVersion: 0, scheme: broken }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { data: { appCode: string; fieldErrors: Record<string, string[]> } };
    };
    expect(body.error.data.appCode).toBe("SCHEME.INVALID");
    expect(Object.keys(body.error.data.fieldErrors)).toContain("scheme.bonusCap");
    expect(body.error.data.fieldErrors["scheme.bonusCap"]?.[0]).toMatch(/bonusCap：不能小于/);
  });

  it("keeps every saved version readable and numbers them one after another", async () => {
    const first = await admin.schemes.startFromModel({ year: 2027, expectedVersion: 0 });
    expect(first).toMatchObject({
      version: 1,
      scheme: { countyId: expect.any(String), year: 2027, version: 1 },
    });
    const second = await admin.schemes.save({
      year: 2027,
      expectedVersion: 1,
      scheme: { ...first.scheme, name: "2027年度修订版", bonusCap: 3 },
      note: "下调加分上限",
    });
    expect(second).toMatchObject({ version: 2, name: "2027年度修订版", note: "下调加分上限" });
    expect((await reviewer.schemes.get({ year: 2027 })).scheme.bonusCap).toBe(3);
    expect((await reviewer.schemes.get({ year: 2027, version: 1 })).scheme.bonusCap).toBe(
      modelScheme.bonusCap,
    );
    const versions = (await reviewer.schemes.list()).filter((s) => s.year === 2027).map((s) => s.version);
    expect(versions).toEqual([2, 1]);
  });

  it("gives the second of two editors working from the same version a conflict", async () => {
    await admin.schemes.startFromModel({ year: 2028, expectedVersion: 0 });
    const results = await Promise.allSettled(
      ["甲", "乙", "丙"].map((who) =>
        admin.schemes.save({
          year: 2028,
          expectedVersion: 1,
          scheme: { ...modelScheme, name: `修订-${who}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    }
    expect((await admin.schemes.list()).filter((s) => s.year === 2028)).toHaveLength(2);
  });

  it("round-trips a scheme through JSON export and import", async () => {
    await admin.schemes.startFromModel({ year: 2029, expectedVersion: 0 });
    const exported = await reviewer.schemes.export({ year: 2029 });
    const imported = await admin.schemes.import({ year: 2029, expectedVersion: 1, json: exported.json });
    expect(imported.version).toBe(2);
    expect({ ...imported.scheme, version: 1 }).toEqual(JSON.parse(exported.json));
    await expect(
      admin.schemes.import({ year: 2029, expectedVersion: 2, json: "{不是JSON" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("细则文件"),
    });
  });

  it("lets reviewers read but not write, and keeps each county's schemes to itself", async () => {
    await expect(reviewer.schemes.startFromModel({ year: 2031, expectedVersion: 0 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(otherAdmin.schemes.get({ year: 2027 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await otherAdmin.schemes.list()).toEqual([]);
  });
});
