import { recordRefInput, removeRecordInput } from "@pingan/contracts";
import type { Db, ItemOf } from "@pingan/data";
import type { TRPCMutationProcedure, TRPCQueryProcedure } from "@trpc/server";
import type * as z from "zod";
import { caseLeaderOf, type Filing, resolveFiling, touchesFiling } from "../organisation/filing";
import { townshipProcedure, townshipReadProcedure } from "../trpc";
import {
  createTownshipRecord,
  definedOnly,
  editTownshipRecord,
  getTownshipRecord,
  type RecordEntity,
  type RecordFields,
  softDelete,
} from "./township-records";

type Creatable = { requestId: string };
type Editable = { id: string; expectedVersion: number };
/** The county a township procedure's record belongs to, read with the county-scoped client. */
const countyOf = (ctx: { township: { countyId: string }; countyServices: { db: Db } }) => ({
  countyId: ctx.township.countyId,
  db: ctx.countyServices.db,
});

/** What the township builders add to every input. */
type Tenant = { townshipId: string };

/**
 * tRPC cannot check a chained input whose schema is a type parameter, so each procedure is built on the
 * schema as given and typed here as the same procedure written out by hand would be.
 */
type Mutation<I, O> = TRPCMutationProcedure<{ input: I & Tenant; output: O; meta: object }>;
type Query<I, O> = TRPCQueryProcedure<{ input: I & Tenant; output: O; meta: object }>;
/** A concrete object schema to build on: the real one is `spec.*`, and parses every call. */
type Untyped = typeof recordRefInput;

/**
 * The five procedures every township record type has, written once: create (idempotent on the client's
 * request id), update (a partial edit at the version the client saw), remove (soft delete with a
 * reason), get and list. A record router spreads them and adds only its own procedures (a dispute's
 * mediation attempts, a petition's close, a key person's visits):
 *
 *   router({ ...recordProcedures("incident", { create, update, list, listItems: listIncidents }) })
 *
 * The tenant is always ctx.township (the builders checked the input's `townshipId`); `check`, when
 * given, sees the record as it would be after a create or an edit and throws when it may not be.
 */
export function recordProcedures<
  N extends RecordEntity,
  C extends z.ZodType<Creatable>,
  U extends z.ZodType<Editable>,
  L extends z.ZodType,
  R,
>(
  entity: N,
  spec: {
    create: C;
    update: U;
    list: L;
    listItems: (db: Db, townshipId: string, query: z.output<L>) => Promise<R>;
    /** Fields a new record starts with that its input does not carry (a dispute's empty attempts). */
    initial?: Partial<RecordFields<N>>;
    check?: (record: RecordFields<N>) => void;
    /** Given for an edit: sees the stored record and the edited one, and throws when the change may not be. */
    checkEdit?: (current: ItemOf<N>, next: ItemOf<N>) => void;
    /**
     * The record is filed under a village and grid of the township (issue 14): the filing is checked and
     * its 责任人 (and a hard case's 包案领导) taken from the organisation. `hardCase` says which records
     * name a 包案领导 (red disputes, petitions).
     */
    filed?: { hardCase: (record: RecordFields<N>) => boolean };
    /**
     * An asynchronous check against the county's data (an event's kind against the county's scheme, a
     * key person's category against the county's list):
     * run on a create, and on an edit whose changes `touches` says it concerns, with the record as it
     * would be after it.
     */
    verify?: {
      touches: (changes: Record<string, unknown>) => boolean;
      run: (county: { countyId: string; db: Db }, record: RecordFields<N>) => Promise<void>;
    };
  },
) {
  const { check = () => {}, checkEdit = () => {} } = spec;
  const procedures = {
    create: townshipProcedure.input(spec.create as unknown as Untyped).mutation(async ({ ctx, input }) => {
      const { requestId, townshipId: _t, ...fields } = input as unknown as Creatable & Tenant;
      let record = { ...spec.initial, ...fields } as RecordFields<N>;
      check(record);
      await spec.verify?.run(countyOf(ctx), record);
      if (spec.filed && touchesFiling(fields as Filing)) {
        const filing = await resolveFiling(ctx, fields as Filing, { hardCase: spec.filed.hardCase(record) });
        record = { ...record, ...filing };
      }
      return createTownshipRecord(ctx, entity, requestId, record);
    }),

    update: townshipProcedure.input(spec.update as unknown as Untyped).mutation(async ({ ctx, input }) => {
      const { id, expectedVersion, townshipId: _t, ...changes } = input as unknown as Editable & Tenant;
      let filing: Filing | undefined;
      if (spec.verify?.touches(definedOnly(changes))) {
        const current = await getTownshipRecord(ctx, entity, id);
        await spec.verify.run(countyOf(ctx), {
          ...current,
          ...definedOnly(changes),
        } as unknown as RecordFields<N>);
      }
      if (spec.filed) {
        const current = await getTownshipRecord(ctx, entity, id);
        const next = { ...current, ...definedOnly(changes) } as unknown as RecordFields<N>;
        const hardCase = spec.filed.hardCase(next);
        if (touchesFiling(changes as Filing))
          filing = await resolveFiling(ctx, changes as Filing, { current: current as Filing, hardCase });
        else if (hardCase && !(current as Filing).caseLeaderId) {
          // An edit that makes it a hard case (a dispute set to red before its first attempt) names its
          // 包案领导 as filing and escalation do: the village's 包片领导.
          const caseLeaderId = await caseLeaderOf(ctx, current as Filing, undefined, true);
          if (caseLeaderId) filing = { caseLeaderId };
        }
      }
      return editTownshipRecord(ctx, entity, id, expectedVersion, `${entity}.update`, (current) => {
        const next = { ...current, ...definedOnly(changes), ...filing };
        check(next);
        checkEdit(current, next);
        return next;
      });
    }),

    remove: townshipProcedure
      .input(removeRecordInput)
      .mutation(({ ctx, input }) => softDelete(ctx, entity, input.id, input.expectedVersion, input.reason)),

    get: townshipReadProcedure
      .input(recordRefInput)
      .query(({ ctx, input }) => getTownshipRecord(ctx, entity, input.id)),

    list: townshipReadProcedure
      .input(spec.list as unknown as Untyped)
      .query(({ ctx, input }) =>
        spec.listItems(ctx.tenantServices.db, ctx.township.id, input as unknown as z.output<L>),
      ),
  };
  return procedures as unknown as Omit<typeof procedures, "create" | "update" | "list"> & {
    create: Mutation<z.input<C>, ItemOf<N>>;
    update: Mutation<z.input<U>, ItemOf<N>>;
    list: Query<z.input<L>, R>;
  };
}
