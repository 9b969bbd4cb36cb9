import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { ADMIN_DIST } from "./paths";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Handles what the static files do not: the API under /trpc. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type Served = { url: string; close: () => Promise<void> };

/**
 * Serves the built app as CloudFront does in production: files from dist, any other path gets
 * index.html (client-side routes), /trpc/* goes to the API on the same origin.
 */
export async function serveAdmin(api?: ApiHandler): Promise<Served> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path.startsWith("/trpc")) {
      if (api) return api(req, res);
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":"no API in this test"}');
      return;
    }
    const file = normalize(join(ADMIN_DIST, path));
    const inside = file.startsWith(ADMIN_DIST) && (await stat(file).catch(() => null))?.isFile();
    const target = inside ? file : join(ADMIN_DIST, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(target)] ?? "application/octet-stream" });
    res.end(await readFile(target));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
