import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { publishTenantMetrics } from "./ops/metrics";
import { limitTenants } from "./ops/tenant-limits";

// Per-county metrics as EMF on stdout (CloudWatch extracts them from the function's log group), and the
// per-county / per-township request limits of this container (src/ops/README.md).
publishTenantMetrics(true);
limitTenants();

/** API Gateway HTTP API (v2) entry point; services are built from the environment once per container. */
export const handler = handle(createApp());
