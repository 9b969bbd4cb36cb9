import { type CfnElement, Duration, Stack, TimeZone, Validations } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** 01:00 China time on the 1st of every month: close the month that just ended. */
export const monthlyCloseExpression = "cron(0 1 1 * ? *)";
/**
 * 01:00 China time every day: lock the submissions of counties whose deadline day has just passed.
 * Each county picks its own deadline day, so one daily run that asks "whose deadline was yesterday?"
 * replaces one schedule per county (2,800 of them, kept in sync with every settings change).
 */
export const deadlineCheckExpression = "cron(0 1 * * ? *)";
/**
 * 09:00 China time every day: the day's reminders (submission due, 例会 day near, 督办单 due soon, red
 * disputes), in office hours rather than with the 01:00 close. Each reminder has a fixed key, so a retried
 * or repeated run sends nothing twice.
 */
export const remindersExpression = "cron(0 9 * * ? *)";

/** The event the monthly-close Lambda receives; `scheduledTime` makes a retried run recognisable. */
export interface MonthlyCloseEvent {
  readonly task: "monthly-close" | "deadline-check" | "reminders";
  readonly scheduledTime: string;
}

export interface MonthlyCloseSchedulesProps {
  readonly handler: IFunction;
}

/**
 * EventBridge Scheduler schedules for the monthly close. The job is idempotent, so both the delivery and
 * the run are retried; a run that still fails lands in a dead-letter queue that is alarmed on.
 */
export class MonthlyCloseSchedules extends Construct {
  readonly deadLetterQueue: Queue;
  readonly monthlyClose: Schedule;
  readonly deadlineCheck: Schedule;
  readonly reminders: Schedule;

  constructor(scope: Construct, id: string, props: MonthlyCloseSchedulesProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the monthly-close schedules and the function's " +
        "on-failure destination; a queue behind it would hold nothing. Its depth is alarmed on " +
        "(Monitoring/MonthlyCloseFailed).",
    });

    // Scheduler invokes the function asynchronously: its retries cover delivery, Lambda's cover a run
    // that throws. Either way a run that finally fails ends in the same queue, with its event, so it can
    // be looked at and re-run by hand.
    props.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    // One role for both schedules, assumable by EventBridge Scheduler on behalf of this account only.
    const role = new Role(this, "InvokeRole", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
      description: "Lets EventBridge Scheduler invoke the monthly-close function (close and reminders)",
    });
    const functionLogicalId = Stack.of(this).getLogicalId(props.handler.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason:
        "The wildcard only adds the versions and aliases of the one monthly-close function (lambda:" +
        "InvokeFunction on <function ARN>:*, as the scheduler target grants it); no other function is reachable.",
    });

    const target = (task: MonthlyCloseEvent["task"]) =>
      new LambdaInvoke(props.handler, {
        role,
        input: ScheduleTargetInput.fromObject({ task, scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      });

    this.monthlyClose = new Schedule(this, "MonthlyClose", {
      description: "Close last month: previews for every county, townships that did not submit",
      schedule: ScheduleExpression.expression(monthlyCloseExpression, TimeZone.ASIA_SHANGHAI),
      target: target("monthly-close"),
    });

    this.deadlineCheck = new Schedule(this, "DeadlineCheck", {
      description: "Lock the submissions of counties whose deadline day has passed",
      schedule: ScheduleExpression.expression(deadlineCheckExpression, TimeZone.ASIA_SHANGHAI),
      target: target("deadline-check"),
    });

    this.reminders = new Schedule(this, "Reminders", {
      description: "Send the day's reminders to townships (idempotent: a retried run sends nothing twice)",
      schedule: ScheduleExpression.expression(remindersExpression, TimeZone.ASIA_SHANGHAI),
      target: target("reminders"),
    });
  }
}
