import { getRequestListener } from "@hono/node-server";
import { createApp } from "../../../apps/api/src/app";
import type { Services } from "../../../apps/api/src/services";
import { createTestServices, TEST_PASSWORD, uniquePhone } from "../../../apps/api/src/testing/harness";
import {
  provisionCounty,
  provisionTownship,
  provisionUser,
} from "../../../apps/api/src/testing/provisioning";
import type { ApiHandler } from "./static-server";

export { TEST_PASSWORD, uniquePhone };

/** The real API (Hono app, tRPC routers) on this test file's own table of the run's DynamoDB Local. */
export async function startApi(
  label: string,
  options: { clockStart?: string } = {},
): Promise<{ services: Services; handler: ApiHandler }> {
  const services = await createTestServices(label);
  // A running clock (tokens must not expire mid-test), started at a chosen instant when the test needs
  // the server to be later than the browser, e.g. after a month ends so it can be published.
  const offset = options.clockStart ? Date.parse(options.clockStart) - Date.now() : 0;
  services.now = () => new Date(Date.now() + offset);
  const handler = getRequestListener(createApp({ services }).fetch);
  return { services, handler };
}

export type County = { id: string; name: string; adminPhone: string; reviewerPhone: string };

/** A county with an admin and a reviewer, as the platform operator would create it. */
export async function seedCounty(services: Services, name = "示范县", code = "510722"): Promise<County> {
  const county = await provisionCounty(services, { name, code });
  const adminPhone = uniquePhone();
  const reviewerPhone = uniquePhone();
  await provisionUser(services, {
    name: "王主任",
    phone: adminPhone,
    password: TEST_PASSWORD,
    role: "county_admin",
    countyId: county.id,
  });
  await provisionUser(services, {
    name: "李审核",
    phone: reviewerPhone,
    password: TEST_PASSWORD,
    role: "county_reviewer",
    countyId: county.id,
  });
  return { id: county.id, name, adminPhone, reviewerPhone };
}

/**
 * The real month in China time (the browser records work now) and the 2nd of the next month, 02:00 China
 * time, for the server: the month is then finished (publishable) and not yet past its deadline (the 5th).
 */
export function monthAndServerStart(now = Date.now()): { month: string; serverStart: string } {
  const cst = new Date(now + 8 * 3600_000);
  const month = `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, "0")}`;
  const serverStart = new Date(
    Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() + 1, 2) - 6 * 3600_000,
  ).toISOString();
  return { month, serverStart };
}

/** 城关镇 and its neighbour 七里镇 in the county, each with its admin (password TEST_PASSWORD). */
export async function seedTwoTownships(
  services: Services,
  countyId: string,
  admins: { township: { name: string; phone: string }; neighbour: { name: string; phone: string } },
): Promise<{ townshipId: string; neighbourId: string }> {
  const [cg, ql] = await Promise.all([
    provisionTownship(services, countyId, {
      name: "城关镇",
      code: "510722100",
      population: 32_000,
      villages: 18,
      grids: 65,
    }),
    provisionTownship(services, countyId, {
      name: "七里镇",
      code: "510722101",
      population: 20_000,
      villages: 12,
      grids: 40,
    }),
  ]);
  await Promise.all(
    [
      { ...admins.township, townshipId: cg.id },
      { ...admins.neighbour, townshipId: ql.id },
    ].map((u) =>
      provisionUser(services, { ...u, password: TEST_PASSWORD, role: "township_admin", countyId }),
    ),
  );
  return { townshipId: cg.id, neighbourId: ql.id };
}
