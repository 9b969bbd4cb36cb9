import { eventLabel, type RecordKind } from "@pingan/domain";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Drawer, Space, Tag, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTRPC } from "../api/trpc";
import { describeError } from "../errors/error-messages";
import type { MessageKey } from "../i18n/dictionary";
import { useI18n } from "../i18n/i18n-provider";
import { showDate, showInstant } from "./instant";
import { LEVEL_COLORS, recordLabels } from "./record-labels";

type Ref = { kind: string; id: string };

/** How many records the drawer fetches and lists; the rest are only counted. */
export const RECORDS_SHOWN = 50;

/** Each kind's group heading, in the order the groups are listed. */
export const RECORD_KIND_KEYS: Record<RecordKind, MessageKey> = {
  dispute: "review.records.kind.dispute",
  petition: "review.records.kind.petition",
  incident: "review.records.kind.incident",
  keyPerson: "review.records.kind.keyPerson",
  event: "review.records.kind.event",
};
const KIND_ORDER = Object.keys(RECORD_KIND_KEYS) as RecordKind[];

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
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = records.slice(0, RECORDS_SHOWN);
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)}>
        {t("review.records.link", { n: records.length })}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t("review.records.title", { title })}
        size="large"
        destroyOnHidden
      >
        {open && (
          <Space orientation="vertical" style={{ width: "100%" }} data-testid="indicator-records">
            {records.length > RECORDS_SHOWN && (
              <Alert
                type="info"
                showIcon
                title={t("review.records.capped", { n: records.length, shown: RECORDS_SHOWN })}
              />
            )}
            {KIND_ORDER.map((kind) => {
              const group = shown.filter((r) => r.kind === kind);
              if (group.length === 0) return null;
              return (
                <section key={kind} data-testid={`records-${kind}`}>
                  <Typography.Title level={5} style={{ margin: "8px 0" }}>
                    {t("review.records.group", { kind: t(RECORD_KIND_KEYS[kind]), n: group.length })}
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
  const { t, locale } = useI18n();
  const labels = recordLabels(t);
  const sep = t("review.records.sep");
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
    return <Typography.Text type="danger">{t("review.records.failed", { title: m.title })}</Typography.Text>;
  }
  if (!q.data) return <Typography.Text type="secondary">{t("review.records.loading")}</Typography.Text>;

  let line: ReactNode;
  if (kind === "dispute" && dispute.data) {
    const d = dispute.data;
    line = (
      <>
        <Tag color={LEVEL_COLORS[d.level as keyof typeof LEVEL_COLORS]}>{label(labels.level, d.level)}</Tag>
        {d.category}
        {sep}
        {d.partiesBrief}
        {sep}
        {t("review.records.registered", { at: showInstant(d.reportedAt) })}
        {sep}
        {d.outcome ? label(labels.outcome, d.outcome) : t("review.records.mediating")}
      </>
    );
  } else if (kind === "petition" && petition.data) {
    const p = petition.data;
    line = (
      <>
        {p.subject}
        {sep}
        {t("review.records.received", { at: showInstant(p.receivedAt) })}
        {sep}
        {p.closedAt ? t("review.records.closed") : t("review.records.open")}
        {p.collective && <Tag style={{ marginLeft: 8 }}>{t("review.records.collective")}</Tag>}
        {p.skipLevel && <Tag>{t("review.records.skipLevel")}</Tag>}
      </>
    );
  } else if (kind === "incident" && incident.data) {
    const c = incident.data;
    line = (
      <>
        <Tag>{label(labels.incidentKind, c.kind)}</Tag>
        {c.summary}
        {sep}
        {t("review.records.occurred", { at: showInstant(c.occurredAt) })}
      </>
    );
  } else if (kind === "keyPerson" && person.data) {
    const k = person.data;
    line = (
      <>
        {k.alias}
        {sep}
        <Tag>{label(labels.keyPersonCategory, k.category)}</Tag>
        {t("review.records.registered", { at: showDate(k.registeredAt) })}
      </>
    );
  } else if (kind === "event" && event.data) {
    const e = event.data;
    line = (
      <>
        {eventLabel(e.kind)}
        {sep}
        {showInstant(e.occurredAt)}
        {e.count > 1 && `${sep}${t("review.records.times", { n: e.count })}`}
        {e.note && (
          <Typography.Text type="secondary">
            {sep}
            {e.note}
          </Typography.Text>
        )}
      </>
    );
  }
  return <span data-testid={`record-${id}`}>{line}</span>;
}
