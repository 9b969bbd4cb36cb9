import { COUNTY_ROLES, flattenIssues, id, input as objectInput, TOWNSHIP_ROLES } from "@pingan/contracts";
import { getItem, type ItemOf, type Role, type TenantScope } from "@pingan/data";
import { initTRPC } from "@trpc/server";
import { verifyAccessToken } from "./auth/tokens";
import type { Context } from "./context";
import { AppError, forbidden, passwordChangeRequired, roleForbidden, toTRPCError } from "./errors";
import { admitSignedInCall, meterCall } from "./ops/metrics";
import type { Services } from "./services";
import type { SessionUser } from "./session-user";

/**
 * The procedure builders, and nothing else. Each builder's middleware narrows the context type, so a
 * township procedure cannot be written without `ctx.township`, nor a county one without `ctx.county`.
 */

type IssueLike = { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] };
function validationIssues(cause: unknown): IssueLike[] | undefined {
  if (typeof cause === "object" && cause !== null && "issues" in cause && Array.isArray(cause.issues)) {
    return cause.issues as IssueLike[];
  }
  return undefined;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const issues = error.code === "BAD_REQUEST" ? validationIssues(error.cause) : undefined;
    const appCode = error.cause instanceof AppError ? error.cause.code : undefined;
    if (issues) {
      const flat = flattenIssues(issues);
      const first = issues[0]?.message ?? "输入有误";
      return {
        ...shape,
        message: first,
        data: { ...shape.data, appCode: appCode ?? "INPUT.INVALID", ...flat, stack: undefined },
      };
    }
    if (error.code === "INTERNAL_SERVER_ERROR") {
      // Never leak internals; the log has them.
      return { ...shape, message: "服务暂时不可用，请稍后重试", data: { ...shape.data, stack: undefined } };
    }
    // A failure about one field (a phone number already taken) is shown next to that field.
    const field = error.cause instanceof AppError ? error.cause.details?.field : undefined;
    const fieldErrors = typeof field === "string" ? { fieldErrors: { [field]: [error.message] } } : {};
    return { ...shape, data: { ...shape.data, appCode, ...fieldErrors, stack: undefined } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The edge: expected failures thrown anywhere below become TRPCErrors with their status. */
const mapExpectedErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(result.error.cause ?? result.error);
  }
  return result;
});

/** Per-county metrics of every call (ops/metrics.ts); outermost, so it sees the final status. */
const metered = t.middleware((opts) => meterCall(opts));

export const publicProcedure = t.procedure.use(metered).use(mapExpectedErrors);

/**
 * A signed-in user whose account and session are still valid (checked on every call), even one who must
 * first change an initial password. Only for what such a user needs to get there: `auth.me` and
 * `auth.changePassword`. Everything else is built on `authedProcedure`.
 */
export const signedInProcedure = publicProcedure.use(async ({ ctx, next, type, path }) => {
  if (!ctx.accessToken) throw new AppError("AUTH.REQUIRED", "请先登录");
  const { services } = ctx;
  const verified = verifyAccessToken(services.tokenSecret, ctx.accessToken, services.now().getTime());
  if (!verified.ok) {
    throw verified.reason === "expired"
      ? new AppError("AUTH.EXPIRED", "登录已过期，请刷新或重新登录")
      : new AppError("AUTH.INVALID", "登录凭证无效，请重新登录");
  }
  const { sub, sid } = verified.claims;
  const [user, session] = await Promise.all([
    getItem(services.db, "user", { id: sub }),
    getItem(services.db, "session", { userId: sub, id: sid }),
  ]);
  const nowSeconds = services.now().getTime() / 1000;
  if (user?.status !== "active" || !session || session.expiresAt <= nowSeconds) {
    throw new AppError("AUTH.INVALID", "登录凭证无效，请重新登录");
  }
  const sessionUser: SessionUser = {
    id: user.id,
    sessionId: sid,
    role: user.role,
    name: user.name,
    countyId: user.countyId,
    townshipId: user.townshipId,
    mustChangePassword: user.mustChangePassword,
  };
  // The tenant's share of requests (429 past it), a read-only county, and the tenant of the call's metrics.
  await admitSignedInCall(services, sessionUser, { type, path });
  return next({ ctx: { user: sessionUser } });
});

/**
 * A signed-in user who is done with any initial password: the base of every other builder below, so a new
 * procedure is covered without thinking of it. The flag is read from the account on every call, so the
 * same access token works once the password has been changed.
 */
export const authedProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.mustChangePassword) throw passwordChangeRequired();
  return next();
});

/** Narrows `ctx.user.role` to the roles given; anyone else gets ROLE.FORBIDDEN. */
export function requireRoles<R extends Role>(...roles: R[]) {
  return t.middleware(({ ctx, next }) => {
    const user = (ctx as { user?: SessionUser }).user;
    if (!user || !(roles as Role[]).includes(user.role)) throw roleForbidden();
    return next({ ctx: { user: { ...user, role: user.role as R } } });
  });
}

export const platformProcedure = authedProcedure.use(requireRoles("platform_admin"));

/**
 * The services of a tenant-scoped call: `db` may touch only the tenant's partitions (tenancy/, the tenant
 * DynamoDB client: guarded in code, and on AWS signed with the tenant's assumed-role credentials whose
 * session policy limits `dynamodb:LeadingKeys`). County and township procedures read and write their
 * tenant's data through `ctx.tenantServices`; `ctx.services` (the function's own role) stays for what is
 * keyed outside the tenant: accounts, sessions, sign-in names, and the checks of the builders themselves.
 * Township builders also carry `ctx.countyServices`, scoped to the township's own county, for the few
 * township procedures that read or write county-wide (a rank preview, a population proposal).
 */
function tenantServices(services: Services, scope: TenantScope): Services {
  return { ...services, db: services.tenantDbs.forScope(scope) };
}

/** A county user, with their county loaded. */
export const countyProcedure = authedProcedure
  .use(requireRoles(...COUNTY_ROLES))
  .use(async ({ ctx, next }) => {
    const county = ctx.user.countyId
      ? await getItem(ctx.services.db, "county", { id: ctx.user.countyId })
      : undefined;
    if (!county) throw forbidden();
    const scope: TenantScope = { kind: "county", countyId: county.id };
    return next({ ctx: { county, tenantServices: tenantServices(ctx.services, scope) } });
  });

export const countyAdminProcedure = countyProcedure.use(requireRoles("county_admin"));

/** A county user acting on one of the county's townships (any status), given as `townshipId`. */
export const countyTownshipProcedure = countyProcedure
  .input(objectInput({ townshipId: id("乡镇") }))
  .use(async ({ ctx, input, next }) => {
    const township = await getItem(ctx.services.db, "township", { id: input.townshipId });
    if (!township || township.countyId !== ctx.county.id) throw forbidden();
    return next({ ctx: { township } });
  });

/** The township of the input; one that doesn't exist is answered like another tenant's. */
async function townshipOf(ctx: Context, townshipId: string): Promise<ItemOf<"township">> {
  const township = await getItem(ctx.services.db, "township", { id: townshipId });
  if (!township) throw forbidden();
  return township;
}

function assertActive(township: ItemOf<"township">): void {
  if (township.status !== "active") throw new AppError("TOWNSHIP.NOT_ACTIVE", "乡镇尚未通过县级审核");
}

/**
 * Reading a township's data: its own people, and the county users of the county it belongs to. The
 * township comes from the input (`townshipId`) and is checked against the caller's tenant.
 */
export const townshipReadProcedure = authedProcedure
  .input(objectInput({ townshipId: id("乡镇") }))
  .use(async ({ ctx, input, next }) => {
    const { user } = ctx;
    const isOwnTownship =
      (TOWNSHIP_ROLES as readonly Role[]).includes(user.role) && user.townshipId === input.townshipId;
    const isCountyUser = (COUNTY_ROLES as readonly Role[]).includes(user.role) && user.countyId !== undefined;
    if (!isOwnTownship && !isCountyUser) throw forbidden();
    const township = await townshipOf(ctx, input.townshipId);
    assertActive(township);
    if (!isOwnTownship && township.countyId !== user.countyId) throw forbidden();
    const scope: TenantScope = isOwnTownship
      ? { kind: "township", countyId: township.countyId, townshipId: township.id }
      : { kind: "county", countyId: township.countyId };
    return next({
      ctx: {
        township,
        tenantServices: tenantServices(ctx.services, scope),
        countyServices: tenantServices(ctx.services, { kind: "county", countyId: township.countyId }),
      },
    });
  });

/** A township's own people on their township, whatever its status. */
const ownTownshipProcedure = authedProcedure
  .use(requireRoles(...TOWNSHIP_ROLES))
  .input(objectInput({ townshipId: id("乡镇") }))
  .use(async ({ ctx, input, next }) => {
    if (ctx.user.townshipId !== input.townshipId) throw forbidden();
    const township = await townshipOf(ctx, input.townshipId);
    const scope: TenantScope = { kind: "township", countyId: township.countyId, townshipId: township.id };
    return next({
      ctx: {
        township,
        tenantServices: tenantServices(ctx.services, scope),
        countyServices: tenantServices(ctx.services, { kind: "county", countyId: township.countyId }),
      },
    });
  });

/** Recording a township's work: only its own people, once the county has approved the township. */
export const townshipProcedure = ownTownshipProcedure.use(({ ctx, next }) => {
  assertActive(ctx.township);
  return next();
});

export const townshipAdminProcedure = townshipProcedure.use(requireRoles("township_admin"));

/**
 * The township admin on the own township whatever its status: a township the county rejected can still
 * correct its registration and send it again.
 */
export const ownTownshipAdminProcedure = ownTownshipProcedure.use(requireRoles("township_admin"));
