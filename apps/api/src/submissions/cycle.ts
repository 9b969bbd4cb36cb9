import { getItem } from "@pingan/data";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { cycleView } from "./deadline";

/**
 * The month due for the caller's county, by the server's clock and the county's deadline day: the one
 * rule township pages, the submit button and the county's review queue open on (never the browser clock).
 */
export async function monthCycle(services: Services, user: SessionUser) {
  const county = user.countyId ? await getItem(services.db, "county", { id: user.countyId }) : undefined;
  return cycleView(services.now(), county);
}
