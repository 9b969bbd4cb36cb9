import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appRouter } from "../root";
import { createTestServices, insiderFor, procedureOf, seedTwoTenants, uniquePhone } from "./harness";
import { procedureMatrix } from "./procedure-matrix";

const services = await createTestServices("fuzz");
const seeded = await seedTwoTenants(services);
const { tenants } = seeded;

const mutations = Object.entries(appRouter._def.procedures)
  .filter(([, procedure]) => (procedure as unknown as { _def: { type: string } })._def.type === "mutation")
  .map(([path]) => path);

/** Anything at all, or a valid input with one field replaced by anything or dropped. */
function inputs(valid: unknown): fc.Arbitrary<unknown> {
  const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, maxDepth: 3 });
  if (typeof valid !== "object" || valid === null) return anything;
  const keys = [...Object.keys(valid), "unexpected"];
  const broken = fc
    .record({ key: fc.constantFrom(...keys), value: anything, drop: fc.boolean() })
    .map(({ key, value, drop }) => {
      const copy: Record<string, unknown> = { ...(valid as Record<string, unknown>) };
      if (drop) delete copy[key];
      else copy[key] = value;
      return copy;
    });
  return fc.oneof(anything, broken, fc.constant(valid));
}

describe.concurrent("mutation fuzz", () => {
  it.each(mutations)("never answers %s with an internal error, whatever the input", async (path) => {
    const entry = procedureMatrix[path];
    expect(entry).toBeDefined();
    if (!entry) return;
    const fn = procedureOf(insiderFor(services, seeded, entry.access), path);
    const valid = entry.input?.(tenants.A.townshipId, uniquePhone);
    await fc.assert(
      fc.asyncProperty(inputs(valid), async (input) => {
        try {
          await fn(input);
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code, String((error as TRPCError).cause)).not.toBe(
            "INTERNAL_SERVER_ERROR",
          );
        }
      }),
      { numRuns: 10 },
    );
  });
});
