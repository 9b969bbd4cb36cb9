import type { LambdaEvent } from "hono/aws-lambda";

/**
 * An API Gateway HTTP API (payload format 2.0) event, as the stack's HTTP API sends it to the function.
 * The Lambda adapter's tests and the deployed-artifact test drive the handler with it.
 */
export function httpApiEvent(
  method: "GET" | "POST",
  path: string,
  options: {
    query?: string;
    body?: unknown;
    token?: string;
    sourceIp?: string;
    headers?: Record<string, string>;
  } = {},
) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: options.query ?? "",
    headers: {
      "content-type": "application/json",
      host: "api.example.com",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "api-id",
      authentication: null,
      authorizer: {},
      domainName: "api.example.com",
      domainPrefix: "api",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: options.sourceIp ?? "203.0.113.1",
        userAgent: "vitest",
      },
      requestId: `request-${Math.random().toString(36).slice(2)}`,
      routeKey: "$default",
      stage: "$default",
      time: "26/Nov/2026:02:00:00 +0000",
      timeEpoch: Date.now(),
    },
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
  } satisfies LambdaEvent;
}
