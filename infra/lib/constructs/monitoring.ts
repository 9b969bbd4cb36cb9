import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  type Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { StageConfig } from "../stage";

export interface MonitoringProps {
  readonly stage: StageConfig;
  readonly httpApi: HttpApi;
  /** Each function with its configured timeout, to warn before runs start being cut off. */
  readonly functions: Readonly<Record<string, { readonly fn: IFunction; readonly timeout: Duration }>>;
  readonly table: Table;
  readonly scheduleDeadLetters: IQueue;
  /** Where alarm notifications go; without it the topic exists and can be subscribed to later. */
  readonly alarmEmail?: string;
}

const period = Duration.minutes(5);

/** Alarms on what users would notice (5xx, failing or throttled functions and table) and one dashboard. */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { stage } = props;

    this.alarmTopic = new Topic(this, "AlarmTopic", {
      displayName: `Ping'an Assessment ${stage.name} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const notify = new SnsAction(this.alarmTopic);

    const alarm = (alarmId: string, description: string, metric: Metric | MathExpression, threshold = 1) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };

    const api5xx = props.httpApi.metricServerError({ period, statistic: "Sum" });
    alarm("Api5xx", "The HTTP API answers with 5xx errors", api5xx, stage.api5xxAlarmThreshold);

    const functionWidgets: GraphWidget[] = [];
    for (const [name, { fn, timeout }] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period, statistic: "Sum" });
      const throttles = fn.metricThrottles({ period, statistic: "Sum" });
      alarm(`${name}Errors`, `The ${name} function fails`, errors);
      alarm(`${name}Throttles`, `The ${name} function is throttled`, throttles);
      // A run that needs 80% of its timeout will soon be cut off (the monthly close grows with every county).
      alarm(
        `${name}NearTimeout`,
        `A ${name} invocation used 80% of its ${timeout.toHumanString()} timeout`,
        fn.metricDuration({ period, statistic: "Maximum" }),
        Math.round(timeout.toMilliseconds() * 0.8),
      );
      functionWidgets.push(
        new GraphWidget({
          title: `${name}: invocations, errors, throttles`,
          left: [fn.metricInvocations({ period }), errors, throttles],
        }),
        new GraphWidget({
          title: `${name}: duration p50 / p99`,
          left: [
            fn.metricDuration({ period, statistic: "p50" }),
            fn.metricDuration({ period, statistic: "p99" }),
          ],
        }),
      );
    }

    // On-demand tables throttle too (per-partition limits, sudden traffic above twice the previous peak).
    // Index write throttling surfaces as write throttling of the table.
    const tableThrottles = new MathExpression({
      label: "Throttled read and write events",
      expression: "reads + writes",
      usingMetrics: {
        reads: props.table.metric("ReadThrottleEvents", { period, statistic: "Sum" }),
        writes: props.table.metric("WriteThrottleEvents", { period, statistic: "Sum" }),
      },
      period,
    });
    alarm("TableThrottles", "DynamoDB throttles requests to the table", tableThrottles);

    const deadLetters = props.scheduleDeadLetters.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: "Maximum",
    });
    alarm(
      "MonthlyCloseFailed",
      "A monthly-close run failed after retries (see its dead-letter queue)",
      deadLetters,
    );

    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: `pingan-assessment-${stage.name}`,
      widgets: [
        [new TextWidget({ markdown: `# 平安考评 (${stage.name})`, width: 24, height: 1 })],
        [new AlarmStatusWidget({ title: "Alarms", alarms: this.alarms, width: 24 })],
        [
          new GraphWidget({
            title: "HTTP API: requests, 4xx, 5xx",
            left: [
              props.httpApi.metricCount({ period, statistic: "Sum" }),
              props.httpApi.metricClientError({ period, statistic: "Sum" }),
              api5xx,
            ],
          }),
          new GraphWidget({
            title: "HTTP API: latency p50 / p99",
            left: [
              props.httpApi.metricLatency({ period, statistic: "p50" }),
              props.httpApi.metricLatency({ period, statistic: "p99" }),
            ],
          }),
        ],
        functionWidgets,
        [
          new GraphWidget({
            title: "DynamoDB: consumed capacity",
            left: [
              props.table.metricConsumedReadCapacityUnits({ period, statistic: "Sum" }),
              props.table.metricConsumedWriteCapacityUnits({ period, statistic: "Sum" }),
            ],
          }),
          new GraphWidget({ title: "DynamoDB: throttles", left: [tableThrottles] }),
          new GraphWidget({ title: "Monthly close: failed runs waiting in the DLQ", left: [deadLetters] }),
        ],
      ],
    });
  }
}
