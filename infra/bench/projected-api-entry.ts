/**
 * A stand-in for the finished API handler, for the bundle benchmark: it pulls in every runtime library the
 * API is going to ship (Hono, tRPC, Zod, ElectroDB with the DynamoDB document client, the Secrets Manager
 * client, the workspace packages) and touches each namespace so that nothing is tree-shaken away. It
 * answers "will the real bundle fit?" before the real handler is written. Not deployed.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import * as contracts from "@pingan/contracts";
import * as data from "@pingan/data";
import * as domain from "@pingan/domain";
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import * as z from "zod";

const t = initTRPC.create();
const router = t.router({ health: t.procedure.query(() => ({ ok: true })) });
const secrets = new SecretsManagerClient({});
// `import * as z` (Zod 4's documented form) lets esbuild keep only the schema kinds used; `import { z }`
// re-exports the namespace as a value and drags in all of Zod, its 40-odd locales included (~370 KB).
const input = z.object({ countyId: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/) });
const libraries = { contracts, data, domain, input, secrets };

const app = new Hono();
app.get("/libraries", (c) => c.json(Object.keys(libraries)));
app.all("/trpc/*", (c) => fetchRequestHandler({ endpoint: "/trpc", req: c.req.raw, router }));

export const handler = handle(app);
