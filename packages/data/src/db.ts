import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createEntities, type Entities } from "./entities";

/** Everything the data layer needs: the document client, the table name and the bound entities. */
export type Db = {
  client: DynamoDBDocumentClient;
  tableName: string;
  entities: Entities;
};

export function createDb(options: { client: DynamoDBDocumentClient; tableName: string }): Db {
  return {
    client: options.client,
    tableName: options.tableName,
    entities: createEntities({ client: options.client, table: options.tableName }),
  };
}
