import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createDynamoClient } from "@pingan/data";
import { assertPortFree, ensureTable, startDynamoLocal } from "@pingan/data/local";
import type { ViteDevServer } from "vite";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { OutboxSms } from "../notifications/sms-provider";
import { createServices } from "../services";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SCALES, demoSeeded, seedDemo } from "./demo-seed";

/**
 * `npm run dev`: DynamoDB Local with its files under .data/, the table, the demo county (seeded until a
 * seed has completed: a start killed while seeding finishes it next time), the API on @hono/node-server,
 * and the admin app on Vite's dev server with /trpc proxied to the API. Ctrl-C stops everything it
 * started; DynamoDB Local also stops when this process is killed outright (see @pingan/data/local).
 *
 * `DEMO_SCALE=real` seeds the real-volume county (20 townships × ~300 records a month) into DynamoDB
 * Local IN MEMORY, afresh on every start: on disk DynamoDB Local writes only ~75–230 items a second.
 */
const ADMIN_ROOT = resolve(import.meta.dirname, "../../../admin");

async function startAdmin(port: number, apiPort: number): Promise<ViteDevServer> {
  // Imported here so that nothing outside the local runtime ever loads Vite.
  const { createServer } = await import("vite");
  const vite = await createServer({
    root: ADMIN_ROOT,
    configFile: resolve(ADMIN_ROOT, "vite.config.ts"),
    logLevel: "warn",
    server: {
      port,
      strictPort: true,
      // Both of the API's paths go to the port it really listens on (PORT), whatever vite.config.ts assumes.
      proxy: {
        "/trpc": { target: `http://localhost:${apiPort}`, changeOrigin: true },
        "/published": { target: `http://localhost:${apiPort}`, changeOrigin: true },
      },
    },
  });
  await vite.listen();
  return vite;
}

function demoScale(value: string | undefined) {
  if (value === undefined || value === "" || value === "light") return DEMO_SCALES.light;
  if (value === "real") return DEMO_SCALES.real;
  throw new Error(`DEMO_SCALE 只能是 light（默认）或 real，而不是「${value}」`);
}

/**
 * One `npm run dev` per data directory: two DynamoDB Locals on the same files would corrupt each other.
 * A lock file holds our pid; one left by a process that is gone is taken over.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, "npm-run-dev.pid");
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, "utf8").trim()) || undefined;
  } catch {
    holder = undefined;
  }
  if (holder !== undefined && holder !== process.pid) {
    let alive = true;
    try {
      process.kill(holder, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === "EPERM";
    }
    if (alive)
      throw new Error(
        `数据目录 ${dir} 正被另一个 npm run dev（进程 ${holder}）使用；请先停止它，或用 DATA_DIR=… 指定其他数据目录。`,
      );
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

async function main() {
  const config = await loadConfig(process.env, { developmentSecret: true });
  const scale = demoScale(process.env.DEMO_SCALE);
  const real = scale === DEMO_SCALES.real;
  // Refuse taken ports before anything is started or written.
  await assertPortFree(config.port, "平安考评 API", "PORT");
  await assertPortFree(config.adminPort, "管理端", "ADMIN_PORT");
  const dataDir = real ? undefined : resolve(config.localDataDir, "dynamodb");
  console.log(
    dataDir
      ? `启动 DynamoDB Local（数据目录 ${dataDir}）…`
      : "启动 DynamoDB Local（内存模式：真实规模演示数据每次启动重新写入，停止后不保留）…",
  );
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const local = await startDynamoLocal({ dataDir, port: config.localDynamoPort }).catch((error) => {
    unlock();
    throw error;
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\n正在停止…");
    server?.close();
    await admin?.close();
    await local.stop();
    unlock();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  let server: ReturnType<typeof serve> | undefined;
  let admin: ViteDevServer | undefined;
  try {
    const raw = createDynamoClient({ endpoint: local.endpoint });
    if (await ensureTable(raw, config.tableName)) console.log(`已创建数据表 ${config.tableName}`);
    raw.destroy();

    // Notification SMS stay on this machine: the local outbox prints them (notifications/sms.ts).
    const services = createServices(
      { ...config, dynamoEndpoint: local.endpoint },
      { sms: new OutboxSms((line) => console.log(line)) },
    );
    const started = Date.now();
    if (!(await demoSeeded(services.db))) {
      console.log(
        real
          ? "写入真实规模演示数据「示范县」（20 个乡镇、每乡镇每月约 300 条记录，约需三至六分钟）…"
          : "写入演示数据「示范县」（首次启动或上次写入中断时；约需一两分钟）…",
      );
      const result = await seedDemo(services, {
        scale,
        concurrency: real ? 8 : 4,
        publishConcurrency: real ? 3 : 2,
        log: (line) => console.log(`  ${line}`),
      });
      console.log(`演示数据已就绪（${result.items} 条，${Math.round((Date.now() - started) / 1000)} 秒）`);
    }

    const apiPort = await new Promise<number>((listening, failed) => {
      const api = serve({ fetch: createApp({ services }).fetch, port: config.port }, (info) =>
        listening(info.port),
      );
      api.on("error", failed);
      server = api;
    }).catch((error: Error) => {
      throw new Error(`API 无法监听端口 ${config.port}：${error.message}（可用 PORT=… 指定其他端口）`);
    });
    admin = await startAdmin(config.adminPort, apiPort).catch((error: Error) => {
      throw new Error(`管理端无法启动：${error.message}（可用 ADMIN_PORT=… 指定其他端口）`);
    });
    console.log(`\n平安考评： http://localhost:${config.adminPort}/`);
    console.log(`平安考评 API： http://localhost:${apiPort}/trpc  （健康检查 /health）`);
    console.log(`DynamoDB Local： ${local.endpoint}  表 ${config.tableName}\n`);
    console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.phone}  ${login.name}  ${login.label}`);
    console.log("\n按 Ctrl-C 停止。");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
