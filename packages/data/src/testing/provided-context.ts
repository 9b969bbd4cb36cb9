// What the root vitest global setup hands to every test file (see /vitest.global-setup.ts).
declare module "vitest" {
  export interface ProvidedContext {
    /** The endpoint of the one DynamoDB Local this test run started; empty when no project needs it. */
    dynamoEndpoint: string;
  }
}

export {};
