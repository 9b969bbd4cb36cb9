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

export { httpApiEvent } from "../../apps/api/src/testing/http-api-event";
