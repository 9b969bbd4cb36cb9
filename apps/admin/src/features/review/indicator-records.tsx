import { eventLabel, type RecordKind } from "@pingan/domain";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Drawer, Space, Tag, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTRPC } from "../../api/trpc";
import { describeError } from "../../errors/error-messages";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../records/instant";
import {
  INCIDENT_KIND_LABELS,
  KEY_PERSON_CATEGORY_LABELS,
  LEVEL_COLORS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
} from "../records/record-labels";

type Ref = { kind: string; id: string };

/** How many records the drawer fetches and lists; the rest are only counted. */
export const RECORDS_SHOWN = 50;

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  dispute: "纠纷",
  petition: "信访",
  incident: "案件",
  keyPerson: "重点人员",
  event: "工作记录",
};
const KIND_ORDER = Object.keys(RECORD_KIND_LABELS) as RecordKind[];

const label = <K extends string>(labels: Record<K, string>, v: string | undefined) =>
  v === undefined ? undefined : (labels[v as K] ?? v);

/** 「相关记录 N 条」: opens the records behind one indicator's number, grouped by kind. */
export function IndicatorRecords({
  townshipId,
  title,
  records,
}: {
  townshipId: string;
  title: string;
  records: Ref[];
}) {
  const [open, setOpen] = useState(false);
  const shown = records.slice(0, RECORDS_SHOWN);
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)}>
        相关记录 {records.length} 条
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={`${title}：相关记录`}
        size="large"
        destroyOnHidden
      >
        {open && (
          <Space orientation="vertical" style={{ width: "100%" }} data-testid="indicator-records">
            {records.length > RECORDS_SHOWN && (
              <Alert type="info" showIcon title={`共 ${records.length} 条，仅列出前 ${RECORDS_SHOWN} 条`} />
            )}
            {KIND_ORDER.map((kind) => {
              const group = shown.filter((r) => r.kind === kind);
              if (group.length === 0) return null;
              return (
                <section key={kind} data-testid={`records-${kind}`}>
                  <Typography.Title level={5} style={{ margin: "8px 0" }}>
                    {RECORD_KIND_LABELS[kind]}（{group.length} 条）
                  </Typography.Title>
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {group.map((r) => (
                      <li key={r.id} style={{ padding: "4px 0" }}>
                        <RecordSummary townshipId={townshipId} kind={kind} id={r.id} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </Space>
        )}
      </Drawer>
    </>
  );
}

/** One record in a line: fetched through its own router's `get`. */
function RecordSummary({ townshipId, kind, id }: { townshipId: string; kind: RecordKind; id: string }) {
  const trpc = useTRPC();
  const { locale } = useI18n();
  const input = { townshipId, id };
  const opts = { meta: { silent: true } };
  // Only the query for this record's kind runs; the others stay disabled.
  const dispute = useQuery({
    ...trpc.disputes.get.queryOptions(input),
    ...opts,
    enabled: kind === "dispute",
  });
  const petition = useQuery({
    ...trpc.petitions.get.queryOptions(input),
    ...opts,
    enabled: kind === "petition",
  });
  const incident = useQuery({
    ...trpc.incidents.get.queryOptions(input),
    ...opts,
    enabled: kind === "incident",
  });
  const person = useQuery({
    ...trpc.keyPersons.get.queryOptions(input),
    ...opts,
    enabled: kind === "keyPerson",
  });
  const event = useQuery({ ...trpc.events.get.queryOptions(input), ...opts, enabled: kind === "event" });
  const q = { dispute, petition, incident, keyPerson: person, event }[kind];

  if (q.isError) {
    const m = describeError(q.error, locale);
    return <Typography.Text type="danger">加载失败：{m.title}</Typography.Text>;
  }
  if (!q.data) return <Typography.Text type="secondary">加载中…</Typography.Text>;

  let line: ReactNode;
  if (kind === "dispute" && dispute.data) {
    const d = dispute.data;
    line = (
      <>
        <Tag color={LEVEL_COLORS[d.level as keyof typeof LEVEL_COLORS]}>{label(LEVEL_LABELS, d.level)}</Tag>
        {d.category}　{d.partiesBrief}　登记 {showInstant(d.reportedAt)}　
        {d.outcome ? label(OUTCOME_LABELS, d.outcome) : "调处中"}
      </>
    );
  } else if (kind === "petition" && petition.data) {
    const p = petition.data;
    line = (
      <>
        {p.subject}　受理 {showInstant(p.receivedAt)}　{p.closedAt ? "已办结" : "办理中"}
        {p.collective && <Tag style={{ marginLeft: 8 }}>集体访</Tag>}
        {p.skipLevel && <Tag>越级访</Tag>}
      </>
    );
  } else if (kind === "incident" && incident.data) {
    const c = incident.data;
    line = (
      <>
        <Tag>{label(INCIDENT_KIND_LABELS, c.kind)}</Tag>
        {c.summary}　发生 {showInstant(c.occurredAt)}
      </>
    );
  } else if (kind === "keyPerson" && person.data) {
    const k = person.data;
    line = (
      <>
        {k.alias}　<Tag>{label(KEY_PERSON_CATEGORY_LABELS, k.category)}</Tag>登记{" "}
        {showInstant(k.registeredAt)}
      </>
    );
  } else if (kind === "event" && event.data) {
    const e = event.data;
    line = (
      <>
        {eventLabel(e.kind)}　{showInstant(e.occurredAt)}
        {e.count > 1 && `　${e.count} 次`}
        {e.note && <Typography.Text type="secondary">　{e.note}</Typography.Text>}
      </>
    );
  }
  return <span data-testid={`record-${id}`}>{line}</span>;
}
