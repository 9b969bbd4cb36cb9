/**
 * `npm run bootstrap -- --table <表名> --phone <手机号> --name <姓名> [--email <邮箱>] [--endpoint <url>]`
 *
 * Creates the first platform admin of a deployment and prints the one-time initial password once. On AWS
 * it uses the shell's credentials and region (AWS_PROFILE / AWS_REGION); `--endpoint` points it at a
 * DynamoDB Local instead. Exit codes: 0 created, 1 refused (a platform admin exists) or failed, 2 bad arguments.
 */
import { loadConfig } from "../config";
import { AppError } from "../errors";
import { createServices } from "../services";
import { bootstrapPlatformAdmin, parseBootstrapArgs } from "./bootstrap";

async function main(): Promise<number> {
  let args: ReturnType<typeof parseBootstrapArgs>;
  try {
    args = parseBootstrapArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const config = await loadConfig(
    { ...process.env, TABLE_NAME: args.table, DYNAMODB_ENDPOINT: args.endpoint ?? "" },
    { tokenSecret: false },
  );
  const services = createServices(config);
  try {
    const { userId, initialPassword } = await bootstrapPlatformAdmin(services, {
      name: args.name,
      phone: args.phone,
      email: args.email,
    });
    console.log(`平台管理员已创建（表 ${args.table}，账号 ${args.phone}，用户编号 ${userId}）`);
    console.log(`一次性初始密码（只显示这一次，首次登录后须修改）：${initialPassword}`);
    return 0;
  } catch (error) {
    console.error(error instanceof AppError ? error.messageZh : error);
    return 1;
  } finally {
    services.db.client.destroy();
  }
}

process.exitCode = await main();
