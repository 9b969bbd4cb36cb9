import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono } from "hono";
import { loadConfig } from "./config";
import { createContextFromRequest } from "./context";
import { mountBundleRoute } from "./league/bundle-route";
import { appRouter } from "./root";
import { createServices, type Services } from "./services";

export type AppOptions = {
  /** The services to serve with; by default they are built from the environment on first use. */
  services?: Services | (() => Promise<Services>);
};

let fromEnvironment: Promise<Services> | undefined;
const servicesFromEnvironment = () => {
  fromEnvironment ??= loadConfig().then((config) => createServices(config));
  return fromEnvironment;
};

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
  mountBundleRoute(app, getServices);
  app.all("/trpc/*", async (c) => {
    const services = await getServices();
    return fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: () => createContextFromRequest(services, c.req.raw),
    });
  });
  return app;
}
