import { describe, expect, it } from "vitest";
import { createDocumentClient } from "./client";
import { createDb } from "./db";
import {
  accessAllowed,
  leadingKeyGrants,
  leadingKeyPatterns,
  matchesPattern,
  newTownshipId,
  type TenantScope,
  townshipInCounty,
  UNSCOPED_PARTITION_PREFIXES,
} from "./tenant-keys";

const C = "0f8fad5b-d9cb-469f-a165-70867728950e";
const OTHER = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const T = `${C}-AAAAAAAAAAAAAAAAAAAAAA`;
const SIBLING = `${C}-BBBBBBBBBBBBBBBBBBBBBB`;
const ARN = "arn:aws:dynamodb:ap-east-1:123456789012:table/pingan-dev";
const county: TenantScope = { kind: "county", countyId: C };
const township: TenantScope = { kind: "township", countyId: C, townshipId: T };

describe("township ids", () => {
  it("start with the county's id and a dash, then 22 random base64url characters", () => {
    const id = newTownshipId(C);
    expect(id).toMatch(new RegExp(`^${C}-[A-Za-z0-9_-]{22}$`));
    expect(id.length).toBeLessThanOrEqual(64); // the contracts' id() limit
    expect(newTownshipId(C)).not.toBe(id);
    expect(townshipInCounty(id, C)).toBe(true);
    expect(townshipInCounty(id, OTHER)).toBe(false);
    expect(townshipInCounty(C, C)).toBe(false);
  });
});

describe("session policies", () => {
  it("give a county its partitions and its townships' partitions, nothing else", () => {
    expect(leadingKeyGrants(county, ARN)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TenantPartitions",
          Effect: "Allow",
          Action: [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
          ],
          Resource: [ARN, `${ARN}/index/*`],
          Condition: {
            "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`C#${C}`, `C#${C}#*`, `T#${C}-*`] },
            Null: { "dynamodb:LeadingKeys": "false" },
          },
        },
      ],
    });
  });

  it("give a township its partitions and its county's partition to read, nothing to write there", () => {
    expect(leadingKeyGrants(township, ARN)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TenantPartitions",
          Effect: "Allow",
          Action: [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
          ],
          Resource: [ARN, `${ARN}/index/*`],
          Condition: {
            "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`T#${T}`, `T#${T}#*`] },
            Null: { "dynamodb:LeadingKeys": "false" },
          },
        },
        {
          Sid: "CountyPartitionRead",
          Effect: "Allow",
          Action: [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:ConditionCheckItem",
          ],
          Resource: [ARN],
          Condition: {
            "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [`C#${C}`] },
            Null: { "dynamodb:LeadingKeys": "false" },
          },
        },
      ],
    });
  });

  it("fit STS's limit for an inline session policy (2,048 characters, packed)", () => {
    const long = `arn:aws-cn:dynamodb:cn-northwest-1:123456789012:table/${"x".repeat(100)}`;
    for (const scope of [county, township]) {
      expect(JSON.stringify(leadingKeyGrants(scope, long)).length).toBeLessThan(2048);
    }
  });
});

describe("what a tenant may touch", () => {
  const read = (pk: string, sk?: string) => ({ pk, ...(sk ? { sk } : {}), op: "read" as const });
  const update = (pk: string, sk: string) => ({ pk, sk, op: "update" as const });
  const put = (pk: string, sk: string) => ({ pk, sk, op: "put" as const });

  it("a county: its own partitions and its townships', not another county's", () => {
    for (const pk of [`C#${C}`, `C#${C}#TOWNSHIPS`, `C#${C}#SUB#2026-10`, `T#${T}`, `T#${SIBLING}#DSP`]) {
      expect(accessAllowed(county, put(pk, "x")), pk).toBe(true);
    }
    for (const pk of [
      `C#${OTHER}`,
      `C#${OTHER}#TOWNSHIPS`,
      `T#${OTHER}-AAAAAAAAAAAAAAAAAAAAAA`,
      `C#${C}x`,
      "U#u1",
    ]) {
      expect(accessAllowed(county, read(pk)), pk).toBe(false);
    }
  });

  it("a township: its own partitions (its live-version counters too); its county's read-only", () => {
    for (const pk of [`T#${T}`, `T#${T}#DSP`, `T#${T}#PET#CLOSED`]) {
      expect(accessAllowed(township, put(pk, "x")), pk).toBe(true);
    }
    expect(accessAllowed(township, update(`T#${T}`, "LV#2026-10"))).toBe(true);
    expect(accessAllowed(township, update(`T#${T}`, "LVK"))).toBe(true);
    expect(accessAllowed(township, read(`C#${C}`))).toBe(true);
    // Nothing of its county's partition is written by a township: no update, put or delete of any item.
    expect(accessAllowed(township, update(`C#${C}`, `LV#2026-10#${T}`))).toBe(false);
    expect(accessAllowed(township, update(`C#${C}`, `COUNTY#${C}`))).toBe(false);
    expect(accessAllowed(township, put(`C#${C}`, `LS#2026-10#${T}`))).toBe(false);
    expect(accessAllowed(township, { pk: `C#${C}`, sk: `COUNTY#${C}`, op: "delete" })).toBe(false);
    expect(accessAllowed(township, update(`T#${SIBLING}`, "LV#2026-10"))).toBe(false);
    for (const pk of [`T#${SIBLING}`, `T#${T}x`, `C#${C}#TOWNSHIPS`, `C#${OTHER}`, "U#u1", "L#138"]) {
      expect(accessAllowed(township, read(pk)), pk).toBe(false);
    }
  });

  it("IAM patterns match as StringLike does", () => {
    expect(matchesPattern("T#a-b", "T#a-*")).toBe(true);
    expect(matchesPattern("T#a", "T#a-*")).toBe(false);
    expect(matchesPattern("C#a", "C#a")).toBe(true);
    expect(matchesPattern("C#ab", "C#a")).toBe(false);
  });
});

describe("every partition of every entity", () => {
  // Keys from ElectroDB itself (no table needed to build params), one sample item per entity.
  const db = createDb({ client: createDocumentClient({ endpoint: "http://127.0.0.1:1" }), tableName: "t" });
  const pks = (params: Record<string, unknown>) => {
    const item = (params.Item ?? params.Key) as Record<string, string>;
    return Object.entries(item)
      .filter(([k]) => /^(gsi\d)?pk$/.test(k))
      .map(([, v]) => v);
  };
  const stamp = { version: 1, createdAt: "x", createdBy: "u", updatedAt: "x", updatedBy: "u" };
  const e = db.entities;
  const township_ = { townshipId: T, ...stamp };
  const samples: Record<string, Record<string, unknown>> = {
    county: e.county.get({ id: C }).params(),
    township: e.township.get({ id: T }).params(),
    dispute: e.dispute
      .create({
        ...township_,
        id: "d",
        level: "blue",
        category: "c",
        partiesBrief: "p",
        reportedAt: "2026-10-01T00:00:00.000Z",
        attempts: [],
      } as never)
      .params(),
    petition: e.petition.get({ townshipId: T, id: "p" }).params(),
    incident: e.incident.get({ townshipId: T, id: "i" }).params(),
    keyPerson: e.keyPerson.get({ townshipId: T, id: "k" }).params(),
    visit: e.visit.get({ townshipId: T, id: "v" }).params(),
    event: e.event.get({ townshipId: T, id: "e" }).params(),
    submission: e.submission.get({ townshipId: T, month: "2026-10" }).params(),
    leagueRank: e.leagueRank.get({ townshipId: T, period: "2026-10", tableVersion: 1 }).params(),
    scheme: e.scheme.get({ countyId: C, year: 2026, schemeVersion: 1 } as never).params(),
    leagueTable: e.leagueTable.get({ countyId: C, period: "2026-10", tableVersion: 1 } as never).params(),
    leagueInputs: e.leagueInputs.get({ countyId: C, period: "2026-10", tableVersion: 1 } as never).params(),
    closeRun: e.closeRun.get({ countyId: C, month: "2026-10" } as never).params(),
  };

  it("belongs to its owner's scope: township records to the township, county items to the county", () => {
    const townshipOwned = [
      "township",
      "dispute",
      "petition",
      "incident",
      "keyPerson",
      "visit",
      "event",
      "submission",
      "leagueRank",
    ];
    for (const [name, params] of Object.entries(samples)) {
      const tablePk = (((params.Item ?? params.Key) as Record<string, string>).pk ?? "") as string;
      const owner = townshipOwned.includes(name) ? township : county;
      expect(accessAllowed(owner, { pk: tablePk, op: "put" }), `${name} ${tablePk}`).toBe(true);
      // …and the county of a township reaches it too (the county reviews its townships).
      expect(accessAllowed(county, { pk: tablePk, op: "put" }), `${name} ${tablePk}`).toBe(true);
      for (const pk of pks(params)) {
        expect(accessAllowed(county, { pk, op: "read" }), `${name} index ${pk}`).toBe(true);
      }
    }
  });

  it("queries on township indexes name the township's partition", () => {
    const q = e.dispute.query.byReported({ townshipId: T }).params() as {
      ExpressionAttributeValues: Record<string, string>;
    };
    expect(Object.values(q.ExpressionAttributeValues)).toContain(`T#${T}#DSP`);
    expect(leadingKeyPatterns(township).some((p) => matchesPattern(`T#${T}#DSP`, p))).toBe(true);
  });

  it("keeps the unscoped partitions out of every tenant's reach (the explicit exceptions)", () => {
    expect(UNSCOPED_PARTITION_PREFIXES).toEqual(["U#", "L#", "J#", "PHONE#", "EMAIL#", "TCODE#", "P#"]);
    const unscoped = [
      e.user.get({ id: "u" }).params(),
      e.session.get({ userId: "u", id: "s" }).params(),
      e.loginClaim.get({ login: "13800000000" } as never).params(),
      e.joinCode.get({ code: "ABC" } as never).params(),
      e.membership.get({ scope: "P#platform", userId: "u" } as never).params(),
    ];
    for (const params of unscoped) {
      const pk = ((params.Key ?? params.Item) as Record<string, string>).pk as string;
      expect(
        UNSCOPED_PARTITION_PREFIXES.some((p) => pk.startsWith(p)),
        pk,
      ).toBe(true);
      for (const scope of [county, township])
        expect(accessAllowed(scope, { pk, op: "read" }), pk).toBe(false);
    }
  });
});
