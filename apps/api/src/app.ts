import { Hono } from "hono";

/** The HTTP application: the same instance runs locally on @hono/node-server and on Lambda. */
export function createApp() {
  const app = new Hono();
  app.get("/health", (c) => c.json({ ok: true }));
  return app;
}
