import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertPortFree, findFreePort } from "./free-port";
import { startDynamoLocal } from "./index";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

const portFree = (port: number) =>
  assertPortFree(port, "test", "PORT").then(
    () => true,
    () => false,
  );

let occupant: Server | undefined;
afterEach(() => {
  occupant?.close();
  occupant = undefined;
});

describe("DynamoDB Local for npm run dev", () => {
  it("refuses a port that is already taken, in Chinese, instead of talking to whoever holds it", async () => {
    const port = await findFreePort();
    const server = createServer();
    occupant = server;
    await new Promise<void>((listening) => server.listen(port, listening));
    await expect(startDynamoLocal({ port })).rejects.toThrow(
      new RegExp(`端口 ${port} 已被占用.*DYNAMODB_LOCAL_PORT`),
    );
    await expect(assertPortFree(port, "API", "PORT")).rejects.toThrow(/已被占用.*PORT=/);
  });

  it("dies with the process that started it, even on kill -9", { timeout: 60_000 }, async () => {
    const port = await findFreePort();
    // A separate Node process starts DynamoDB Local through the real code, then is killed without warning.
    const script = `
      const { startDynamoLocal } = await import(${JSON.stringify(resolve(import.meta.dirname, "index.ts"))});
      const local = await startDynamoLocal({ port: ${port} });
      console.log("READY " + local.pid);
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const guardPid = await new Promise<number>((ready, failed) => {
      let out = "";
      parent.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\d+)/.exec(out);
        if (match) ready(Number(match[1]));
      });
      parent.once("exit", (code) => failed(new Error(`parent exited early (${code})`)));
    });
    expect(alive(guardPid)).toBe(true);
    expect(await portFree(port)).toBe(false);

    parent.kill("SIGKILL");
    expect(await eventually(() => !alive(guardPid), 15_000)).toBe(true);
    expect(await eventually(() => portFree(port), 15_000)).toBe(true);
  });
});
