import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { anonymous, callerWith, createTestServices, uniquePhone } from "../testing/harness";
import { bootstrapPlatformAdmin, parseBootstrapArgs } from "./bootstrap";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** `npm run bootstrap -- …` exactly as the README tells the operator, against the test's own table. */
async function bootstrapCommand(tableName: string, phone: string, name: string) {
  try {
    const { stdout, stderr } = await run(
      "npm",
      [
        "run",
        "--silent",
        "bootstrap",
        "--",
        "--table",
        tableName,
        "--phone",
        phone,
        "--name",
        name,
        "--endpoint",
        inject("dynamoEndpoint"),
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("bootstrap of a fresh deployment", () => {
  it("takes an empty table to a platform admin who creates a county whose first admin signs in", async () => {
    const services = await createTestServices("bootstrap");
    const platformPhone = uniquePhone();
    const created = await bootstrapCommand(services.db.tableName, platformPhone, "平台运维");
    expect(created.code).toBe(0);
    const initialPassword = /一次性初始密码.*：(\S+)/.exec(created.stdout)?.[1];
    expect(initialPassword).toBeDefined();

    // The initial password works once, for changing it; nothing else before that.
    const first = await anonymous(services).auth.signIn({
      login: platformPhone,
      password: initialPassword as string,
    });
    const platform = callerWith(services, first.accessToken);
    await expect(platform.counties.list()).rejects.toMatchObject({
      cause: { code: "AUTH.PASSWORD_CHANGE_REQUIRED" },
    });
    await platform.auth.changePassword({
      currentPassword: initialPassword as string,
      newPassword: "Pl@tform-own-2026",
    });

    const countyAdminPhone = uniquePhone();
    const { county } = await platform.counties.create({
      name: "首县",
      code: "130101",
      admin: { name: "首县管理员", phone: countyAdminPhone, password: "County#Initial-2026" },
    });
    expect(await platform.counties.list()).toEqual([
      expect.objectContaining({ id: county.id, name: "首县" }),
    ]);

    const countyAdmin = await anonymous(services).auth.signIn({
      login: countyAdminPhone,
      password: "County#Initial-2026",
    });
    const admin = callerWith(services, countyAdmin.accessToken);
    await admin.auth.changePassword({
      currentPassword: "County#Initial-2026",
      newPassword: "County#own-2026",
    });
    expect(await admin.counties.mine()).toMatchObject({ id: county.id, name: "首县" });

    // Run again: refused, and nothing new is created.
    const again = await bootstrapCommand(services.db.tableName, uniquePhone(), "第二人");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("平台管理员已存在");
  }, 60_000);

  it("lets only one of two racing bootstraps win", async () => {
    const services = await createTestServices("bootstrap-race");
    const results = await Promise.allSettled([
      bootstrapPlatformAdmin(services, { name: "甲", phone: uniquePhone() }),
      bootstrapPlatformAdmin(services, { name: "乙", phone: uniquePhone() }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const { data } = await services.db.entities.membership.query
      .byScope({ scope: "P#platform" })
      .go({ pages: "all" });
    expect(data).toHaveLength(1);
  });

  it("refuses bad input and bad arguments in Chinese, naming the field", async () => {
    const services = await createTestServices("bootstrap-input");
    await expect(bootstrapPlatformAdmin(services, { name: "甲", phone: "12345" })).rejects.toMatchObject({
      code: "INPUT.INVALID",
      messageZh: "「手机号」应为 11 位手机号",
    });
    expect(() => parseBootstrapArgs(["--table", "t", "--phone", "13800000000"])).toThrow("缺少参数 --name");
    expect(() => parseBootstrapArgs(["--tabel", "t"])).toThrow("参数有误：--tabel");
  });
});
