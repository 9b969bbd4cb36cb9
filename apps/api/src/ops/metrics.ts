import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { type CapacityTally, capacityTally } from "@pingan/data";
import type { Services } from "../services";
import { assertCountyWritable } from "./offboarding";
import { admitTenant } from "./tenant-limits";

/**
 * Per-county metrics of every procedure call, as CloudWatch Embedded Metric Format lines on stdout
 * (Powertools for AWS Lambda, Metrics): namespace `PinganAssessment`, dimensions `service` + `county`,
 * metrics `Requests`, `Errors` (server-side failures: 5xx), `Throttled` (429s of the tenant limit),
 * `Latency` (ms) and `ConsumedCapacity` (DynamoDB read + write capacity units of the call). The procedure and
 * township travel as EMF properties (searchable in Logs Insights, not extra metrics). Off except on Lambda
 * (src/lambda.ts turns it on), so tests and the dev server print nothing.
 */

export const METRICS_NAMESPACE = "PinganAssessment";

/** What one procedure call learns about itself on the way (the tenant comes from the auth middleware). */
type CallTally = CapacityTally & { county?: string; township?: string };

let emit: ((line: string) => void) | "stdout" | undefined;
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: "api" });

/** `true`: Powertools writes EMF to stdout (Lambda); a function: lines go to it (tests); `false`: off. */
export function publishTenantMetrics(on: boolean | ((line: string) => void)): void {
  emit = on === true ? "stdout" : on === false ? undefined : on;
}

/**
 * Called by the auth middleware once the caller is known: notes the tenant for this call's metrics,
 * applies the per-tenant request limit (ops/tenant-limits.ts) and refuses changes to an offboarded county.
 */
export async function admitSignedInCall(
  services: Services,
  user: { countyId?: string; townshipId?: string; role: string },
  call: { type: string; path: string },
): Promise<void> {
  const tally = capacityTally.getStore() as CallTally | undefined;
  if (tally) {
    tally.county = user.countyId ?? (user.role === "platform_admin" ? "platform" : undefined);
    tally.township = user.townshipId;
  }
  admitTenant(services, user);
  // An offboarded county reads and exports, and changes nothing (its people may still sign in and out).
  if (call.type === "mutation" && user.countyId && !call.path.startsWith("auth."))
    await assertCountyWritable(services, user.countyId);
}

type CallOptions<R> = {
  path: string;
  getRawInput: () => Promise<unknown>;
  next: () => Promise<R>;
};

const SERVER_SIDE = new Set(["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT"]);

/** The outermost procedure middleware: runs the call inside its own tally and emits its metrics. */
export async function meterCall<R extends { ok: boolean; error?: { code: string } }>(
  options: CallOptions<R>,
): Promise<R> {
  if (!emit) return options.next();
  const tally: CallTally = { units: 0 };
  const started = performance.now();
  const result = await capacityTally.run(tally, options.next);
  const latency = performance.now() - started;
  // An anonymous call's county only counts once the call proved it exists: random ids must not mint metrics.
  const county = tally.county ?? (result.ok ? await publicCounty(options.getRawInput) : undefined) ?? "none";
  const code = result.ok ? undefined : result.error?.code;
  metrics.addDimension("county", county);
  metrics.addMetric("Requests", MetricUnit.Count, 1);
  metrics.addMetric("Errors", MetricUnit.Count, code && SERVER_SIDE.has(code) ? 1 : 0);
  metrics.addMetric("Throttled", MetricUnit.Count, code === "TOO_MANY_REQUESTS" ? 1 : 0);
  metrics.addMetric("Latency", MetricUnit.Milliseconds, Math.round(latency));
  metrics.addMetric("ConsumedCapacity", MetricUnit.Count, tally.units);
  metrics.addMetadata("procedure", options.path);
  if (tally.township) metrics.addMetadata("township", tally.township);
  if (emit === "stdout") metrics.publishStoredMetrics();
  else {
    const line = JSON.stringify(metrics.serializeMetrics());
    metrics.clearMetrics();
    metrics.clearDimensions();
    metrics.clearMetadata();
    emit(line);
  }
  return result;
}

/** A public call names its county in the input (`public.leagueTable({ countyId })`). */
async function publicCounty(getRawInput: () => Promise<unknown>): Promise<string | undefined> {
  try {
    const raw = await getRawInput();
    const countyId =
      typeof raw === "object" && raw !== null ? (raw as { countyId?: unknown }).countyId : undefined;
    return typeof countyId === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(countyId) ? countyId : undefined;
  } catch {
    return undefined;
  }
}
