import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** DynamoDB Local accepts any credentials; these keep the SDK from searching the machine for real ones. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" } as const;

export type DynamoConnection = {
  /** Set for DynamoDB Local; absent on AWS, where the SDK finds region and credentials itself. */
  endpoint?: string;
  region?: string;
};

/** The low-level client; local endpoints get dummy credentials and a fixed region. */
export function createDynamoClient(connection: DynamoConnection = {}): DynamoDBClient {
  if (connection.endpoint) {
    return new DynamoDBClient({
      endpoint: connection.endpoint,
      region: connection.region ?? "local",
      credentials: localCredentials,
    });
  }
  return new DynamoDBClient(connection.region ? { region: connection.region } : {});
}

/** The document client ElectroDB and our transactions use. */
export function createDocumentClient(connection: DynamoConnection = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(connection), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
