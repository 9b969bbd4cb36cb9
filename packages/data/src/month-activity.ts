import { monthRange } from "@pingan/domain";
import type { Db } from "./db";

type Query = {
  between: (
    a: object,
    b: object,
  ) => {
    go: (o: object) => Promise<{ data: { deletedAt?: string; createdBy?: string }[] }>;
  };
};

/**
 * Which of the townships recorded anything of their own in a month (China time): a dispute or petition
 * received, an incident, a key-person visit or a routine event dated in it, deleted records not counted,
 * nor events the system wrote (the automatic 迟报漏报). A township-month with none is shown to reviewers
 * as 本月无任何记录 rather than silently as full marks. One Query per record kind and township, on the
 * township's own index partitions.
 */
export async function townshipsWithRecords(
  db: Db,
  townshipIds: readonly string[],
  month: string,
): Promise<Set<string>> {
  const { start, end } = monthRange(month);
  const from = new Date(start).toISOString();
  const to = new Date(end).toISOString();
  const out = new Set<string>();
  const kinds: [(townshipId: string) => Query, string][] = [
    [(townshipId) => db.entities.dispute.query.byReported({ townshipId }) as unknown as Query, "reportedAt"],
    [(townshipId) => db.entities.petition.query.byReceived({ townshipId }) as unknown as Query, "receivedAt"],
    [(townshipId) => db.entities.incident.query.byOccurred({ townshipId }) as unknown as Query, "occurredAt"],
    [(townshipId) => db.entities.visit.query.byAt({ townshipId }) as unknown as Query, "at"],
    [(townshipId) => db.entities.event.query.byOccurred({ townshipId }) as unknown as Query, "occurredAt"],
  ];
  await Promise.all(
    townshipIds.map(async (townshipId) => {
      for (const [query, attr] of kinds) {
        const { data } = await query(townshipId)
          .between({ [attr]: from }, { [attr]: to })
          .go({ pages: "all" });
        if (data.some((r) => !r.deletedAt && !r.createdBy?.startsWith("system"))) {
          out.add(townshipId);
          return;
        }
      }
    }),
  );
  return out;
}
