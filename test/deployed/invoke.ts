import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const runner = fileURLToPath(new URL("./run-handler.mjs", import.meta.url));

export type Invoker = {
  invoke: (event: unknown) => Promise<unknown>;
  /** What the function wrote to stdout (its logs, e.g. EMF metrics), line by line. */
  logs: () => string[];
  stop: () => void;
};

/** Starts a bundled handler in its own Node process with `env` as its whole environment (plus PATH). */
export async function startHandler(bundle: string, env: Record<string, string>): Promise<Invoker> {
  const child: ChildProcess = fork(runner, [bundle], {
    env: { PATH: process.env.PATH ?? "", NODE_OPTIONS: "--enable-source-maps", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const lines: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((l) => l.length > 0));
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the handler process exited (${code}): ${stderr}`)));
    child.on(
      "message",
      (message: { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (message.ready) return resolve();
        const waiting = pending.get(message.id ?? -1);
        if (!waiting) return;
        pending.delete(message.id ?? -1);
        if (message.ok) waiting.resolve(message.result);
        else waiting.reject(new Error(message.error));
      },
    );
  });
  return {
    invoke: (event) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ id, event });
      }),
    logs: () => [...lines],
    stop: () => {
      child.kill("SIGKILL");
    },
  };
}

/** An API Gateway HTTP API (payload format 2.0) event, as the stack's HTTP API sends it. */
export function httpApiEvent(
  method: "GET" | "POST",
  path: string,
  options: { query?: string; body?: unknown; token?: string; sourceIp?: string } = {},
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
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "api-id",
      domainName: "api.example.com",
      domainPrefix: "api",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: options.sourceIp ?? "203.0.113.1",
        userAgent: "deployed-test",
      },
      requestId: `request-${Math.random().toString(36).slice(2)}`,
      routeKey: "$default",
      stage: "$default",
      time: "26/Nov/2026:02:00:00 +0000",
      timeEpoch: Date.now(),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    isBase64Encoded: false,
  };
}
