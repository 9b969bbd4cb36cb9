import { loadConfig } from "../config";
import { createServices, type Services } from "../services";
import { closeMonth } from "./close-month";

/** What EventBridge Scheduler sends (infra: MonthlyCloseEvent); `scheduledTime` pins a retried run's clock. */
type CloseEvent = { task?: "monthly-close" | "deadline-check"; scheduledTime?: string };

let services: Promise<Services> | undefined;

/**
 * The monthly-close Lambda. Both schedules run the same idempotent close of the previous month: on the
 * 1st it records previews and who has not submitted; on the daily deadline check it also locks the
 * months of counties whose deadline has passed.
 */
export async function handler(event: CloseEvent = {}) {
  // The job signs nothing, and the stack deliberately gives it no access to the token secret.
  services ??= loadConfig(process.env, { tokenSecret: false }).then((config) => createServices(config));
  const now =
    event.scheduledTime && !Number.isNaN(Date.parse(event.scheduledTime))
      ? new Date(event.scheduledTime)
      : new Date();
  const result = await closeMonth(await services, now);
  const summary = {
    task: event.task ?? "monthly-close",
    at: now.toISOString(),
    counties: result.length,
    notSubmitted: result.reduce((n, c) => n + c.notSubmitted.length, 0),
    lockedNow: result.reduce((n, c) => n + c.lockedNow.length, 0),
  };
  console.log(JSON.stringify({ message: "monthly close done", ...summary }));
  return summary;
}
