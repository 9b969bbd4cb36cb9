import { type ItemOf, updateRecord } from "@pingan/data";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";

/**
 * A county admin's decision on one of its townships (approve or reject a registration or a population
 * request, set its first assessed month): one version-checked write of the township item, changed by
 * `change` from the stored item (which may refuse with a RECORD.STATE error), with its entry in the
 * county's audit trail.
 */
export function decideOnTownship(
  ctx: { services: Services; user: SessionUser; county: ItemOf<"county">; township: ItemOf<"township"> },
  decision: {
    expectedVersion: number;
    action: string;
    reason?: string | undefined;
    change: (t: ItemOf<"township">) => ItemOf<"township">;
  },
): Promise<ItemOf<"township">> {
  return updateRecord(ctx.services.db, writeContext(ctx), {
    entity: "township",
    key: { id: ctx.township.id },
    entityId: ctx.township.id,
    scope: `C#${ctx.county.id}`,
    expectedVersion: decision.expectedVersion,
    action: decision.action,
    ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
    change: decision.change,
  });
}
