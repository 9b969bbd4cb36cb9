import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { loadConfig } from "../config";
import { sendReminders } from "../notifications/reminders";
import { createServices, type Services } from "../services";
import { sweepOverdueNotices } from "../supervision/notices";
import { allCounties, type CountyClose, closeMonth, closeOneCounty } from "./close-month";

/**
 * What EventBridge Scheduler sends (infra: MonthlyCloseEvent); `scheduledTime` pins a retried run's clock.
 * A fanned-out run of one county carries its `countyId`.
 */
export type CloseEvent = {
  /**
   * `reminders` (the 09:00 China-time schedule) only sends the day's reminders; the 01:00 close runs close
   * months and mark overdue 督办单, and send nothing to people in the night.
   */
  task?: "monthly-close" | "deadline-check" | "reminders";
  scheduledTime?: string;
  countyId?: string;
};

/** Sends one county's close to its own asynchronous invocation. */
export type Dispatch = (event: CloseEvent & { countyId: string }) => Promise<void>;

/** Counties handed to their own invocations at once: Lambda's Invoke API is fast, but not unlimited. */
const DISPATCH_CONCURRENCY = 10;

let services: Promise<Services> | undefined;
let dispatcher: { dispatch: Dispatch | undefined } | undefined;

/**
 * The monthly-close Lambda. Both close schedules run the same idempotent close of the previous month: on
 * the 1st it records previews and who has not submitted; on the daily deadline check it also locks the
 * months of counties whose deadline has passed. Every close run also marks 督办单 past their deadline
 * overdue. The daily reminder schedule (task `reminders`, 09:00 China time) sends the day's reminders
 * (notifications/reminders.ts), which are idempotent: a retried run sends nothing twice.
 *
 * On Lambda the scheduled run fans out: it invokes this function again, asynchronously, once per county,
 * so one county's failure is retried (and dead-lettered) on its own and the run never nears Lambda's
 * 15 minutes however many counties there are. Elsewhere (tests, a manual run) it closes every county
 * in this process.
 */
export async function handler(event: CloseEvent = {}) {
  // The job signs nothing, and the stack deliberately gives it no access to the token secret.
  services ??= loadConfig(process.env, { tokenSecret: false }).then((config) => createServices(config));
  // Lambda passes its context as a second argument: the dispatcher is therefore not a parameter.
  dispatcher ??= { dispatch: lambdaDispatch() };
  return runClose(await services, event, dispatcher.dispatch);
}

/** One run: a single county's close, the fan-out over every county, or (without a dispatcher) all of them here. */
export async function runClose(svc: Services, event: CloseEvent, dispatch: Dispatch | undefined) {
  const now =
    event.scheduledTime && !Number.isNaN(Date.parse(event.scheduledTime))
      ? new Date(event.scheduledTime)
      : new Date();
  const task = event.task ?? "monthly-close";
  if (task === "reminders" && !(event.countyId === undefined && dispatch)) {
    const ids = event.countyId ? [event.countyId] : (await allCounties(svc)).map((c) => c.id);
    const sent = await Promise.all(ids.map((id) => sendReminders(svc, id, now)));
    return log({
      task,
      at: now.toISOString(),
      ...(event.countyId ? { countyId: event.countyId } : {}),
      counties: ids.length,
      remindersSent: sent.reduce((n, s) => n + s.sent, 0),
    });
  }
  if (event.countyId) {
    const one = await closeOneCounty(svc, event.countyId, now);
    const supervision = await overdueNotices(svc, event.countyId, now);
    return log({
      task,
      at: now.toISOString(),
      countyId: event.countyId,
      ...totals(one ? [one] : []),
      ...supervision,
    });
  }
  if (dispatch) {
    const ids = (await allCounties(svc)).map((c) => c.id);
    const scheduledTime = now.toISOString();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const countyId = ids[next++] as string;
        await dispatch({ task, scheduledTime, countyId });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DISPATCH_CONCURRENCY, ids.length) }, worker));
    return log({ task, at: scheduledTime, dispatched: ids.length });
  }
  const result = await closeMonth(svc, now);
  // 督办单 past their deadline: idempotent, so every run of either schedule may mark them.
  const swept = await Promise.all(result.map((c) => overdueNotices(svc, c.countyId, now)));
  const noticesOverdue = swept.reduce((n, s) => n + s.noticesOverdue, 0);
  const remindersSent = swept.reduce((n, s) => n + s.remindersSent, 0);
  return log({ task, at: now.toISOString(), ...totals(result), noticesOverdue, remindersSent });
}

/** A close run's supervision: overdue 督办单 only (reminders wait for the 09:00 run). */
async function overdueNotices(svc: Services, countyId: string, now: Date) {
  const overdue = await sweepOverdueNotices(svc, countyId, now);
  return { noticesOverdue: overdue.marked.length, remindersSent: 0 };
}

function totals(result: CountyClose[]) {
  return {
    counties: result.length,
    notSubmitted: result.reduce((n, c) => n + c.notSubmitted.length, 0),
    lockedNow: result.reduce((n, c) => n + c.lockedNow.length, 0),
  };
}

function log<T extends object>(summary: T): T {
  console.log(JSON.stringify({ message: "monthly close done", ...summary }));
  return summary;
}

/** On Lambda: invoke this same function asynchronously (its retries and dead-letter queue apply). */
function lambdaDispatch(): Dispatch | undefined {
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
  if (!functionName) return undefined;
  const lambda = new LambdaClient({});
  return async (event) => {
    await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: "Event",
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
  };
}
