import type { Services } from "../../../apps/api/src/services";
import { anonymous, callerWith } from "../../../apps/api/src/testing/harness";

export type Caller = ReturnType<typeof callerWith>;

/**
 * The tRPC API as one person sees it: signs in with their phone and password and returns a caller
 * with their access token, for reading what the API says (to compare with the page) or for setup steps
 * that are not the point of a test.
 */
export async function callerAs(services: Services, login: string, password: string): Promise<Caller> {
  const { accessToken } = await anonymous(services).auth.signIn({ login, password });
  return callerWith(services, accessToken);
}
