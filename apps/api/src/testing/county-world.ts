import { anonymous, callerWith, createTestServices, seedTwoTenants } from "./harness";

/**
 * The usual start of a league or scoring test: two tenants (county A with its townships, and county B
 * to prove isolation) on their own DynamoDB Local table, the clock at `now`, tokens that do not expire
 * during the test, county A's 2026 scheme started from the model, and callers for county A's roles.
 */
export async function countyWorld(label: string, now: string) {
  const services = await createTestServices(label);
  services.setNow(now);
  services.accessTokenTtlSeconds = 365 * 24 * 3600;
  services.refreshTokenTtlSeconds = 365 * 24 * 3600;
  const { tenants, tokens } = await seedTwoTenants(services);
  const as = {
    admin: callerWith(services, tokens.A.county_admin),
    reviewer: callerWith(services, tokens.A.county_reviewer),
    townshipAdmin: callerWith(services, tokens.A.township_admin),
    staff: callerWith(services, tokens.A.township_staff),
    public: anonymous(services),
  };
  await as.admin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
  return { services, db: services.db, tenants, tokens, countyId: tenants.A.countyId, as };
}
