import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { withFiles } from "@pingan/cli/src/io";
import { runCli } from "@pingan/cli/src/run";
import { getItem } from "@pingan/data";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestServices, TEST_PASSWORD, uniquePhone } from "../apps/api/src/testing/harness";
import { provisionCounty, provisionTownship, provisionUser } from "../apps/api/src/testing/provisioning";
import { lambdaEntries } from "../infra/lib/bundling/esbuild-settings";
import { bundleLambda } from "./deployed/bundle";
import { httpApiEvent, type Invoker, startHandler } from "./deployed/invoke";

/**
 * The artifact the CDK app deploys, not the TypeScript source: both Lambda entries of the stack are
 * bundled with its esbuild settings and run in plain Node processes against this file's own table on
 * the run's DynamoDB Local, driven with API Gateway v2 and EventBridge Scheduler events.
 */

const services = await createTestServices("deployed");
// The bundles read the clock themselves (the real one); the seed uses the same.
services.now = () => new Date();
// Where the stack gives the API its bundle bucket (BUNDLE_BUCKET), this run has no S3: the same store
// interface keeps bundles in a directory of the run's own.
const bundleDir = mkdtempSync(join(tmpdir(), "pingan-deployed-bundles-"));
const env = {
  BUNDLE_DIR: bundleDir,
  TABLE_NAME: services.db.tableName,
  DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
  AWS_REGION: "ap-east-1",
  STAGE: "dev",
};
const [apiBundle, closeBundle] = await Promise.all([
  bundleLambda(lambdaEntries.api, "api"),
  bundleLambda(lambdaEntries.monthlyClose, "monthly-close"),
]);
const api = await startHandler(apiBundle, { ...env, TOKEN_SECRET: "deployed-test-secret" });
// As in the stack: the monthly close gets no signing secret.
const close = await startHandler(closeBundle, env);
afterAll(() => {
  api.stop();
  close.stop();
  for (const bundle of [apiBundle, closeBundle]) rmSync(dirname(bundle), { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

const county = await provisionCounty(services, { name: "部署县", code: "140101" });
const township = await provisionTownship(services, county.id, {
  name: "部署镇",
  code: "140101001",
  population: 25_000,
  villages: 10,
  grids: 30,
});
const staffPhone = uniquePhone();
const adminPhone = uniquePhone();
await Promise.all([
  provisionUser(services, {
    name: "网格员",
    phone: staffPhone,
    password: TEST_PASSWORD,
    role: "township_staff",
    countyId: county.id,
    townshipId: township.id,
  }),
  provisionUser(services, {
    name: "县管理员",
    phone: adminPhone,
    password: TEST_PASSWORD,
    role: "county_admin",
    countyId: county.id,
  }),
]);

type HttpResult = {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
};
// biome-ignore lint/suspicious/noExplicitAny: tRPC answers read as the JSON they are
type Json = any;

async function call(
  handler: Invoker,
  method: "GET" | "POST",
  procedure: string,
  payload: unknown,
  token?: string,
): Promise<{ status: number; json: Json }> {
  const event =
    method === "GET"
      ? httpApiEvent("GET", `/trpc/${procedure}`, {
          query: payload === undefined ? "" : `input=${encodeURIComponent(JSON.stringify(payload))}`,
          token,
        })
      : httpApiEvent("POST", `/trpc/${procedure}`, { body: payload, token });
  const result = (await handler.invoke(event)) as HttpResult;
  return { status: result.statusCode, json: JSON.parse(result.body) };
}

async function signIn(phone: string): Promise<string> {
  const { status, json } = await call(api, "POST", "auth.signIn", { login: phone, password: TEST_PASSWORD });
  expect(status).toBe(200);
  return json.result.data.accessToken as string;
}

describe("the deployed API bundle", () => {
  it("signs in, records, reads, publishes and serves the public table", async () => {
    const staff = await signIn(staffPhone);
    const created = await call(
      api,
      "POST",
      "disputes.create",
      {
        townshipId: township.id,
        requestId: "deployed-dispute-1",
        level: "blue",
        category: "邻里纠纷",
        partiesBrief: "张某与李某",
        reportedAt: "2026-10-12T09:00:00+08:00",
      },
      staff,
    );
    expect(created.status).toBe(200);
    const list = await call(api, "GET", "disputes.list", { townshipId: township.id }, staff);
    expect(list.status).toBe(200);
    expect(list.json.result.data.items.map((d: { category: string }) => d.category)).toEqual(["邻里纠纷"]);

    const admin = await signIn(adminPhone);
    const scheme = await call(
      api,
      "POST",
      "schemes.startFromModel",
      { year: 2026, expectedVersion: 0 },
      admin,
    );
    expect(scheme.status).toBe(200);
    const published = await call(api, "POST", "league.publish", { period: "2026-10" }, admin);
    expect(published.status).toBe(200);

    const pub = await call(api, "GET", "public.leagueTable", { countyId: county.id, period: "2026-10" });
    expect(pub.status).toBe(200);
    const rows = pub.json.result.data.table.rows as { townshipId: string }[];
    expect(pub.json.result.data.version).toBe(1);
    expect(rows.map((r) => r.townshipId)).toEqual([township.id]);

    // The version's verification bundle, anonymous, immutable, and re-scored by the command line's own code.
    const bundle = (await api.invoke(
      httpApiEvent("GET", `/published/${county.id}/2026-10/1/bundle.json`),
    )) as HttpResult;
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers?.["cache-control"]).toContain("immutable");
    const bundleText = bundle.isBase64Encoded
      ? Buffer.from(bundle.body, "base64").toString("utf8")
      : bundle.body;
    expect(JSON.parse(bundleText).table).toEqual(pub.json.result.data.table);
    const verified = await runCli(
      ["verify", "--bundle", "bundle.json"],
      withFiles({ "bundle.json": bundleText }),
    );
    expect(verified.stderr).toBe("");
    expect(verified.code).toBe(0);
    // Publishing kept the gzipped bundle once, under its immutable key, in the store it was given.
    const kept = readdirSync(join(bundleDir, "bundles", county.id, "2026-10"));
    expect(kept).toEqual([expect.stringMatching(/^v1-[0-9a-f]{64}\.json$/)]);
    expect(
      gunzipSync(readFileSync(join(bundleDir, "bundles", county.id, "2026-10", kept[0] ?? ""))).toString(),
    ).toBe(bundleText);

    // Refusals keep their shape through the bundle: 401 without a token, 400 in Chinese for bad input.
    const anonymous = await call(api, "GET", "disputes.list", { townshipId: township.id });
    expect(anonymous.status).toBe(401);
    const bad = await call(api, "POST", "auth.signIn", { login: "", password: "" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.data.appCode).toBe("INPUT.INVALID");

    // Per-county metrics leave the function as EMF lines on stdout, where CloudWatch extracts them.
    const emf = api
      .logs()
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line));
    const publishMetric = emf.find((m) => m.procedure === "league.publish");
    expect(publishMetric).toMatchObject({ county: county.id, Requests: 1, Errors: 0 });
    expect(publishMetric.ConsumedCapacity).toBeGreaterThan(0);
  });

  it("runs the monthly close from an EventBridge Scheduler event", async () => {
    // What the 01:00 China-time run on 1 December delivers: it closes November.
    const summary = (await close.invoke({
      task: "monthly-close",
      scheduledTime: "2026-11-30T17:00:00Z",
    })) as { counties: number; notSubmitted: number };
    expect(summary.counties).toBeGreaterThanOrEqual(1);
    expect(summary.notSubmitted).toBeGreaterThanOrEqual(1);
    const run = await getItem(services.db, "closeRun", { countyId: county.id, month: "2026-11" });
    expect(run?.notSubmitted).toContain(township.id);
    expect(close.logs().some((line) => line.includes("monthly close done"))).toBe(true);
  });
});
