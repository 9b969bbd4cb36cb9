import { getRequestListener } from "@hono/node-server";
import { createApp } from "../../../apps/api/src/app";
import { provisionCounty, provisionUser } from "../../../apps/api/src/provisioning";
import type { Services } from "../../../apps/api/src/services";
import { createTestServices, TEST_PASSWORD, uniquePhone } from "../../../apps/api/src/testing/harness";
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
