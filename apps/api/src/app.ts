import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono, type Context as HonoContext } from "hono";
import { bodyLimit } from "hono/body-limit";
import { loadConfig } from "./config";
import { createContextFromRequest } from "./context";
import { mountBundleRoute } from "./league/bundle-route";
import { appRouter } from "./root";
import { createServices, type Services } from "./services";

export type AppOptions = {
  /** The services to serve with; by default they are built from the environment on first use. */
  services?: Services | (() => Promise<Services>);
};

/**
 * Bounds on the work one request may ask for. A tRPC batch runs its calls in parallel, so without a bound
 * one anonymous request could run hundreds of queries or password checks; the admin app's client batches
 * at most this many (apps/admin/src/api/trpc-client.ts).
 */
export const MAX_BATCH_CALLS = 10;
/** The largest request body: API Gateway's and Lambda's own limit (6 MB), also on the Node server. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

let fromEnvironment: Promise<Services> | undefined;
const servicesFromEnvironment = () => {
  fromEnvironment ??= loadConfig().then((config) => createServices(config));
  return fromEnvironment;
};

/** An error in tRPC's response shape (so the admin app reads its message), answered before tRPC runs. */
function refusal(status: 400 | 413, appCode: string, message: string, trpcCode: string) {
  const jsonRpcCode = status === 413 ? -32413 : -32600;
  const body = {
    error: { message, code: jsonRpcCode, data: { code: trpcCode, httpStatus: status, appCode } },
  };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/**
 * The client's address: on Lambda behind CloudFront the viewer's (CloudFront-Viewer-Address, "ip:port",
 * when the distribution forwards it), else API Gateway's source IP; on the Node server the socket's peer.
 */
export function sourceAddress(c: HonoContext): string | null {
  const env = c.env as
    | {
        requestContext?: { http?: { sourceIp?: string } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  if (env?.requestContext) {
    const viewer = c.req.header("cloudfront-viewer-address");
    if (viewer?.includes(":")) return viewer.slice(0, viewer.lastIndexOf(":"));
    return env.requestContext.http?.sourceIp ?? null;
  }
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/** The number of procedure calls a tRPC request asks for (a batch names them comma-separated). */
function callsIn(url: string): number {
  const path = new URL(url).pathname.replace(/^\/trpc\/?/, "");
  return path.split(",").length;
}

/** The HTTP application: the same instance runs locally on @hono/node-server and on Lambda. */
export function createApp(options: AppOptions = {}) {
  const getServices =
    typeof options.services === "function"
      ? options.services
      : options.services
        ? () => Promise.resolve(options.services as Services)
        : servicesFromEnvironment;
  const app = new Hono();
  app.get("/health", (c) => c.json({ ok: true }));
  app.use(
    "/trpc/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () =>
        refusal(
          413,
          "REQUEST.TOO_LARGE",
          `请求内容过大（上限 ${MAX_BODY_BYTES / 1024 / 1024} MB），请分批提交`,
          "PAYLOAD_TOO_LARGE",
        ),
    }),
  );
  app.use("/trpc/*", async (c, next) => {
    if (callsIn(c.req.url) > MAX_BATCH_CALLS) {
      return refusal(
        400,
        "REQUEST.TOO_MANY_CALLS",
        `一次请求最多包含 ${MAX_BATCH_CALLS} 个调用，请分批发送`,
        "BAD_REQUEST",
      );
    }
    await next();
  });
  // An answer to a signed-in caller is theirs alone: no cache on the way (CloudFront, a proxy) may keep it.
  app.use("/trpc/*", async (c, next) => {
    await next();
    const credentialed = c.req.header("authorization") !== undefined || c.req.header("cookie") !== undefined;
    if (credentialed && !c.res.headers.has("cache-control"))
      c.res.headers.set("cache-control", "private, no-store");
  });
  mountBundleRoute(app, getServices);
  app.all("/trpc/*", async (c) => {
    const services = await getServices();
    const source = sourceAddress(c);
    return fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      // A backstop for the check above, should a request name its calls some other way.
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: ({ resHeaders }) => createContextFromRequest(services, c.req.raw, source, resHeaders),
    });
  });
  return app;
}
