import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createDynamoClient } from "@pingan/data";
import { ensureTable, startDynamoLocal } from "@pingan/data/local";
import type { ViteDevServer } from "vite";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { createServices } from "../services";
import { DEMO_LOGINS, DEMO_PASSWORD, publishDemoHistory, seedDemo } from "./demo-seed";

/**
 * `npm run dev`: DynamoDB Local with its files under .data/, the table, the demo county on first start,
 * the API on @hono/node-server, and the admin app on Vite's dev server with /trpc proxied to the API.
 * Ctrl-C stops everything it started.
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
      proxy: { "/trpc": { target: `http://localhost:${apiPort}`, changeOrigin: true } },
    },
  });
  await vite.listen();
  return vite;
}

async function main() {
  const config = await loadConfig(process.env, { developmentSecret: true });
  const dataDir = resolve(config.localDataDir, "dynamodb");
  console.log(`启动 DynamoDB Local（数据目录 ${dataDir}）…`);
  const local = await startDynamoLocal({ dataDir, port: config.localDynamoPort });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\n正在停止…");
    server?.close();
    await admin?.close();
    await local.stop();
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

    const services = createServices({ ...config, dynamoEndpoint: local.endpoint });
    const started = Date.now();
    console.log("检查演示数据（首次启动时写入「示范县」一年的纪实记录，约需二三十秒）…");
    if (await seedDemo(services)) {
      console.log(`已写入演示数据「示范县」（${Date.now() - started} ms）`);
      const published = await publishDemoHistory(services);
      if (published.length) console.log(`已发布演示排名：${published.join("、")}`);
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
    for (const login of DEMO_LOGINS) console.log(`  ${login.phone}  ${login.name}（${login.label}）`);
    console.log("\n按 Ctrl-C 停止。");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
