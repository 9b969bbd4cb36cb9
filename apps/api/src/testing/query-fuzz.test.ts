import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appRouter } from "../root";
import { callerWith, createTestServices, insiderFor, procedureOf, seedTwoTenants } from "./harness";
import { procedureMatrix } from "./procedure-matrix";

const services = await createTestServices("query-fuzz");
const seeded = await seedTwoTenants(services);
const { tenants, tokens } = seeded;

/** Every query of the router: the listings page with cursors; the others must ignore the extra fields. */
const queries = Object.entries(appRouter._def.procedures)
  .filter(([, p]) => (p as unknown as { _def: { type: string } })._def.type === "query")
  .map(([path]) => path);

describe.concurrent("queries", () => {
  it.each(queries)(
    "answers %s with a bad cursor, limit or range as bad input, never an internal error",
    async (path) => {
      const entry = procedureMatrix[path];
      expect(entry).toBeDefined();
      if (!entry) return;
      const fn = procedureOf(insiderFor(services, seeded, entry.access), path);
      const valid = entry.input?.(tenants.A.townshipId, () => "13900000000") ?? {};
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              cursor: fc.oneof(
                fc.string(),
                fc.base64String(),
                fc.constant("eyJwayI6IngifQ"),
                fc.constant("e30"),
              ),
              limit: fc.oneof(fc.integer(), fc.double()),
              from: fc.oneof(
                fc.string(),
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
              to: fc.string(),
            },
            { requiredKeys: [] },
          ),
          async (extra) => {
            try {
              await fn({ ...(valid as object), ...extra });
            } catch (error) {
              expect(error).toBeInstanceOf(TRPCError);
              expect((error as TRPCError).code, String((error as TRPCError).cause)).not.toBe(
                "INTERNAL_SERVER_ERROR",
              );
            }
          },
        ),
        { numRuns: 8 },
      );
    },
  );

  it("refuses one township's page cursor on another township's list", async () => {
    const staff = callerWith(services, tokens.A.township_staff);
    for (let i = 0; i < 3; i++) {
      await staff.events.create({
        townshipId: tenants.A.townshipId,
        requestId: `req-cursor-${i}`,
        kind: "legal_education",
        occurredAt: `2026-10-0${i + 1}T09:00:00+08:00`,
      });
    }
    const reviewer = callerWith(services, tokens.A.county_reviewer);
    const first = await reviewer.events.list({ townshipId: tenants.A.townshipId, limit: 2 });
    expect(first.cursor).toBeTruthy();
    await expect(
      reviewer.events.list({ townshipId: tenants.A.siblingTownshipId, limit: 2, cursor: first.cursor }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "分页游标无效，请从第一页重新查询" });
  });
});
