import { describe, expect, inject, it } from "vitest";
import { createTestServices, TEST_PASSWORD, uniquePhone } from "./testing/harness";
import { httpApiEvent } from "./testing/http-api-event";
import { provisionCounty, provisionTownship, provisionUser } from "./testing/provisioning";

const services = await createTestServices("lambda");
// The real handler builds its services from the environment, as on Lambda.
process.env.TABLE_NAME = services.db.tableName;
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.TOKEN_SECRET = "lambda-test-secret";
const { handler } = await import("./lambda");

const county = await provisionCounty(services, { name: "示例县", code: "120101" });
const township = await provisionTownship(services, county.id, {
  name: "示例镇",
  code: "120101001",
  population: 30000,
  villages: 12,
  grids: 40,
});
const phone = uniquePhone();
await provisionUser(services, {
  name: "专干",
  phone,
  password: TEST_PASSWORD,
  role: "township_staff",
  countyId: county.id,
  townshipId: township.id,
});

describe("Lambda handler", () => {
  it("answers the health check", async () => {
    const result = await handler(httpApiEvent("GET", "/health"));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true });
  });

  it("signs in and reads a township's disputes through API Gateway events", async () => {
    const signIn = await handler(
      httpApiEvent("POST", "/trpc/auth.signIn", { body: { login: phone, password: TEST_PASSWORD } }),
    );
    expect(signIn.statusCode).toBe(200);
    const token = JSON.parse(signIn.body).result.data.accessToken as string;
    const input = encodeURIComponent(JSON.stringify({ townshipId: township.id }));
    const list = await handler(
      httpApiEvent("GET", "/trpc/disputes.list", { query: `input=${input}`, token }),
    );
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body).result.data).toEqual({ items: [], cursor: null });
  });

  it("answers bad input with 400 and Chinese messages per field, not a 500", async () => {
    const result = await handler(
      httpApiEvent("POST", "/trpc/onboarding.registerTownship", {
        body: { joinCode: "x", township: { code: "1" }, admin: {} },
      }),
    );
    expect(result.statusCode).toBe(400);
    const { error } = JSON.parse(result.body);
    expect(error.data.appCode).toBe("INPUT.INVALID");
    expect(error.data.fieldErrors["township.code"]).toEqual(["「乡镇区划代码」应为 9 位数字"]);
    expect(error.data.fieldErrors["admin.phone"]).toEqual(["「手机号」为必填项"]);
  });

  it("names the field of a phone number or division code already taken, as the form needs it", async () => {
    const admin = uniquePhone();
    await provisionUser(services, {
      name: "管理员",
      phone: admin,
      password: TEST_PASSWORD,
      role: "township_admin",
      countyId: county.id,
      townshipId: township.id,
    });
    const signIn = await handler(
      httpApiEvent("POST", "/trpc/auth.signIn", { body: { login: admin, password: TEST_PASSWORD } }),
    );
    const token = JSON.parse(signIn.body).result.data.accessToken as string;
    const invite = await handler(
      httpApiEvent("POST", "/trpc/staff.invite", {
        token,
        body: { townshipId: township.id, name: "重名", phone, initialPassword: "Initial#2026" },
      }),
    );
    expect(invite.statusCode).toBe(409);
    const invited = JSON.parse(invite.body).error;
    expect(invited.data).toMatchObject({
      appCode: "DUPLICATE",
      fieldErrors: { phone: ["该手机号已被注册"] },
    });

    // The same account rule inside a township registration names the input's admin.phone.
    await services.db.entities.county.patch({ id: county.id }).set({ joinCode: "JOINLMDA" }).go();
    await services.db.entities.joinCode
      .create({
        code: "JOINLMDA",
        countyId: county.id,
        version: 1,
        createdAt: "x",
        createdBy: "x",
        updatedAt: "x",
        updatedBy: "x",
      })
      .go();
    const register = await handler(
      httpApiEvent("POST", "/trpc/onboarding.registerTownship", {
        body: {
          joinCode: "JOINLMDA",
          township: { name: "新镇", code: "120101001", population: 1000, villages: 1, grids: 1 },
          admin: { name: "新管理员", phone: uniquePhone(), password: "Passw0rd!new" },
        },
      }),
    );
    expect(JSON.parse(register.body).error.data.fieldErrors).toEqual({
      "township.code": ["该乡镇区划代码已注册"],
    });
    const taken = await handler(
      httpApiEvent("POST", "/trpc/onboarding.registerTownship", {
        body: {
          joinCode: "JOINLMDA",
          township: { name: "新镇", code: "120101002", population: 1000, villages: 1, grids: 1 },
          admin: { name: "新管理员", phone, password: "Passw0rd!new" },
        },
      }),
    );
    expect(JSON.parse(taken.body).error.data.fieldErrors).toEqual({
      "admin.phone": ["该手机号无法使用，请更换；如本人已有账号，请直接登录"],
    });
  });

  it("answers a call without a token with 401", async () => {
    const input = encodeURIComponent(JSON.stringify({ townshipId: township.id }));
    const result = await handler(httpApiEvent("GET", "/trpc/disputes.list", { query: `input=${input}` }));
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).error.data.appCode).toBe("AUTH.REQUIRED");
  });
});

describe("input that is not an object at all", () => {
  it("is a 400 in Chinese, also for the tenant part of the input", async () => {
    const phoneLogin = await handler(
      httpApiEvent("POST", "/trpc/auth.signIn", { body: { login: phone, password: TEST_PASSWORD } }),
    );
    const token = JSON.parse(phoneLogin.body).result.data.accessToken as string;
    const input = encodeURIComponent(JSON.stringify("not-an-object"));
    const result = await handler(
      httpApiEvent("GET", "/trpc/disputes.list", { query: `input=${input}`, token }),
    );
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.message).toBe("提交的数据格式不正确");
  });
});
