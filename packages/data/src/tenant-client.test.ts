import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "./db";
import { createTenantDocumentClient, TenantScopeError, tenantScopeErrorIn } from "./tenant-client";
import type { TenantScope } from "./tenant-keys";
import { createTestDb } from "./testing/test-db";

const db = await createTestDb("tenant-client");
const endpoint = inject("dynamoEndpoint");
const TableName = db.tableName;

const C = "0f8fad5b-d9cb-469f-a165-70867728950e";
const OTHER_C = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const T = `${C}-AAAAAAAAAAAAAAAAAAAAAA`;
const SIBLING = `${C}-BBBBBBBBBBBBBBBBBBBBBB`;
const FOREIGN = `${OTHER_C}-CCCCCCCCCCCCCCCCCCCCCC`;

const scoped = (scope: TenantScope) => {
  const client = createTenantDocumentClient({ endpoint, scope });
  return { client, db: createDb({ client, tableName: TableName }) };
};
const township = scoped({ kind: "township", countyId: C, townshipId: T });
const county = scoped({ kind: "county", countyId: C });

// Items written with the broad client, so a refused request has something it could have read.
for (const pk of [`T#${T}`, `T#${SIBLING}`, `T#${FOREIGN}`, `C#${C}`, `C#${OTHER_C}`]) {
  await db.client.send(new PutCommand({ TableName, Item: { pk, sk: "X#1", secret: pk } }));
}

const refused = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(tenantScopeErrorIn(error)).toBeInstanceOf(TenantScopeError);
};

describe("the tenant-scoped client", () => {
  it("reads and writes the township's own partitions", async () => {
    const { client } = township;
    const got = await client.send(new GetCommand({ TableName, Key: { pk: `T#${T}`, sk: "X#1" } }));
    expect(got.Item?.secret).toBe(`T#${T}`);
    await client.send(new PutCommand({ TableName, Item: { pk: `T#${T}`, sk: "X#2", n: 1 } }));
    await client.send(
      new UpdateCommand({
        TableName,
        Key: { pk: `T#${T}`, sk: "X#2" },
        UpdateExpression: "SET n = :n",
        ExpressionAttributeValues: { ":n": 2 },
      }),
    );
    const q = await client.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: "#p = :p",
        ExpressionAttributeNames: { "#p": "pk" },
        ExpressionAttributeValues: { ":p": `T#${T}` },
      }),
    );
    expect(q.Items?.map((i) => i.sk)).toEqual(["X#1", "X#2"]);
    await client.send(new DeleteCommand({ TableName, Key: { pk: `T#${T}`, sk: "X#2" } }));
    // Its county's partition: read; its live-version counters are in its own partition.
    const c = await client.send(new GetCommand({ TableName, Key: { pk: `C#${C}`, sk: "X#1" } }));
    expect(c.Item?.secret).toBe(`C#${C}`);
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { pk: `T#${T}`, sk: "X#3" } } },
          {
            Update: {
              TableName,
              Key: { pk: `T#${T}`, sk: "LV#2026-10" },
              UpdateExpression: "ADD #v :one SET #at = :at",
              ExpressionAttributeNames: { "#v": "v", "#at": "at" },
              ExpressionAttributeValues: { ":one": 1, ":at": 1 },
            },
          },
        ],
      }),
    );
  });

  it("refuses a sibling township's or another county's keys for every kind of request, unsent", async () => {
    const { client } = township;
    for (const pk of [`T#${SIBLING}`, `T#${FOREIGN}`, `C#${OTHER_C}`, "U#someone"]) {
      const Key = { pk, sk: "X#1" };
      await refused(client.send(new GetCommand({ TableName, Key })));
      await refused(client.send(new PutCommand({ TableName, Item: { ...Key, secret: "overwritten" } })));
      await refused(
        client.send(
          new UpdateCommand({
            TableName,
            Key,
            UpdateExpression: "SET secret = :s",
            ExpressionAttributeValues: { ":s": "x" },
          }),
        ),
      );
      await refused(client.send(new DeleteCommand({ TableName, Key })));
      await refused(
        client.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: "pk = :p",
            ExpressionAttributeValues: { ":p": pk },
          }),
        ),
      );
      // One foreign key among allowed ones refuses the whole request.
      await refused(
        client.send(
          new BatchGetCommand({
            RequestItems: { [TableName]: { Keys: [{ pk: `T#${T}`, sk: "X#1" }, Key] } },
          }),
        ),
      );
      await refused(
        client.send(
          new BatchWriteCommand({
            RequestItems: {
              [TableName]: [
                { PutRequest: { Item: { pk: `T#${T}`, sk: "X#9" } } },
                { DeleteRequest: { Key } },
              ],
            },
          }),
        ),
      );
      await refused(client.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName, Key } }] })));
      await refused(
        client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName, Item: { pk: `T#${T}`, sk: "X#9" } } },
              { Delete: { TableName, Key } },
            ],
          }),
        ),
      );
      await refused(
        client.send(
          new TransactWriteCommand({
            TransactItems: [
              { ConditionCheck: { TableName, Key, ConditionExpression: "attribute_exists(pk)" } },
            ],
          }),
        ),
      );
    }
    // Nothing was written: the foreign items are as they were, the township's batch item never landed.
    for (const pk of [`T#${SIBLING}`, `T#${FOREIGN}`, `C#${OTHER_C}`]) {
      const item = await db.client.send(new GetCommand({ TableName, Key: { pk, sk: "X#1" } }));
      expect(item.Item?.secret).toBe(pk);
    }
    const batch = await db.client.send(new GetCommand({ TableName, Key: { pk: `T#${T}`, sk: "X#9" } }));
    expect(batch.Item).toBeUndefined();
  });

  it("refuses every write of a township to its county's partition", async () => {
    const { client } = township;
    await refused(
      client.send(new PutCommand({ TableName, Item: { pk: `C#${C}`, sk: "X#1", secret: "mine" } })),
    );
    await refused(client.send(new DeleteCommand({ TableName, Key: { pk: `C#${C}`, sk: "X#1" } })));
    await refused(
      client.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `C#${C}`, sk: `LV#2026-10#${T}` },
          UpdateExpression: "ADD v :one",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      ),
    );
    // The county's index partitions (its township list, its review queue) are not the township's either.
    await refused(township.db.entities.township.query.byCounty({ countyId: C }).go());
  });

  it("refuses a scan, and a query whose partition key it cannot find", async () => {
    await refused(township.client.send(new ScanCommand({ TableName })));
    await refused(county.client.send(new ScanCommand({ TableName })));
    await refused(
      township.client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "sk = :s",
          ExpressionAttributeValues: { ":s": "X#1" },
        }),
      ),
    );
  });

  it("lets a county reach its townships and its index partitions, not another county's", async () => {
    const { client } = county;
    for (const pk of [`T#${T}`, `T#${SIBLING}`, `C#${C}`]) {
      const got = await client.send(new GetCommand({ TableName, Key: { pk, sk: "X#1" } }));
      expect(got.Item?.secret).toBe(pk);
    }
    await county.db.entities.township.query.byCounty({ countyId: C }).go();
    await county.db.entities.dispute.query.byReported({ townshipId: SIBLING }).go();
    for (const pk of [`T#${FOREIGN}`, `C#${OTHER_C}`]) {
      await refused(client.send(new GetCommand({ TableName, Key: { pk, sk: "X#1" } })));
    }
    await refused(county.db.entities.township.query.byCounty({ countyId: OTHER_C }).go());
    await refused(county.db.entities.dispute.query.byReported({ townshipId: FOREIGN }).go());
  });
});
