import type { Services } from "./services";

/**
 * The framework-free context: services plus the caller's bearer token, if any. Authentication happens
 * in the procedure middleware (src/trpc.ts), so `createCaller` in tests goes through the same checks.
 */
export type Context = {
  services: Services;
  accessToken: string | null;
  /** The client's network address, as the HTTP edge saw it (app.ts); null in-process. */
  sourceAddress: string | null;
};

export function createContextInner(options: {
  services: Services;
  accessToken?: string | null;
  sourceAddress?: string | null;
}): Context {
  return {
    services: options.services,
    accessToken: options.accessToken ?? null,
    sourceAddress: options.sourceAddress ?? null,
  };
}

/** The thin HTTP wrapper: reads `Authorization: Bearer <token>`. */
export function createContextFromRequest(
  services: Services,
  request: Request,
  sourceAddress: string | null = null,
): Context {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return createContextInner({ services, accessToken: match?.[1] ?? null, sourceAddress });
}
