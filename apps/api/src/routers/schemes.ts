import { fieldError, input as fields, int, optionalText } from "@pingan/contracts";
import * as z from "zod";
import { modelBody, parseSchemeDocument, schemeDocument, schemeView as view } from "../schemes/documents";
import { listSchemes, requireScheme, saveScheme } from "../schemes/scheme-store";
import { countyAdminProcedure, countyProcedure, router } from "../trpc";
import { writeContext } from "../write-context";

const year = () => int("年度", 2000, 2099);
const schemeBody = z.record(z.string(), z.unknown(), { error: fieldError("考核细则") });

const saveInput = fields({
  year: year(),
  /** The newest version the editor started from; 0 for the year's first. */
  expectedVersion: int("版本号", 0, 9999),
  scheme: schemeBody,
  note: optionalText("修改说明"),
});

/** Schemes (考核细则): the county admin writes and versions them; county reviewers read them. */
export const schemesRouter = router({
  /** Every saved version, newest first, without bodies. */
  list: countyProcedure.query(async ({ ctx }) =>
    (await listSchemes(ctx.tenantServices.db, ctx.county.id)).map((s) => ({
      year: s.year,
      version: s.schemeVersion,
      name: s.name,
      note: s.note ?? null,
      createdAt: s.createdAt,
      createdBy: s.createdBy,
    })),
  ),

  /** The newest version of a year, or the version asked for. */
  get: countyProcedure
    .input(fields({ year: year(), version: int("版本号", 1, 9999).optional() }))
    .query(async ({ ctx, input }) =>
      view(await requireScheme(ctx.tenantServices.db, ctx.county.id, input.year, input.version)),
    ),

  /** The model scheme a new county can start from. */
  model: countyProcedure.query(() => modelBody()),

  save: countyAdminProcedure.input(saveInput).mutation(async ({ ctx, input }) =>
    view(
      await saveScheme(ctx.tenantServices.db, writeContext(ctx), {
        countyId: ctx.county.id,
        year: input.year,
        expectedVersion: input.expectedVersion,
        body: input.scheme,
        note: input.note,
      }),
    ),
  ),

  /** Saves the model scheme as the year's next version. */
  startFromModel: countyAdminProcedure
    .input(fields({ year: year(), expectedVersion: int("版本号", 0, 9999) }))
    .mutation(async ({ ctx, input }) =>
      view(
        await saveScheme(ctx.tenantServices.db, writeContext(ctx), {
          countyId: ctx.county.id,
          year: input.year,
          expectedVersion: input.expectedVersion,
          body: modelBody(),
          note: "由示范考核细则创建",
        }),
      ),
    ),

  /** The scheme as a JSON document, to keep or to edit elsewhere. */
  export: countyProcedure
    .input(fields({ year: year(), version: int("版本号", 1, 9999).optional() }))
    .query(async ({ ctx, input }) =>
      schemeDocument(
        (await requireScheme(ctx.tenantServices.db, ctx.county.id, input.year, input.version)).scheme,
      ),
    ),

  /** Saves a JSON document as the year's next version (the identity fields in it are replaced). */
  import: countyAdminProcedure
    .input(
      fields({
        year: year(),
        expectedVersion: int("版本号", 0, 9999),
        json: z
          .string({ error: fieldError("细则文件") })
          .min(2)
          .max(400_000),
        note: optionalText("修改说明"),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      view(
        await saveScheme(ctx.tenantServices.db, writeContext(ctx), {
          countyId: ctx.county.id,
          year: input.year,
          expectedVersion: input.expectedVersion,
          body: parseSchemeDocument(input.json),
          note: input.note ?? "导入",
        }),
      ),
    ),
});
