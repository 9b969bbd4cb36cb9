import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { COUNTY_ROLES } from "../../api/roles";
import type { RouterOutputs } from "../../api/router-types";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import type { MessageKey } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";
import { showDate, showDeadline, showInstant } from "../../shared/instant";
import { LIGHT_COLOR, type Light, LightBadge } from "../../shared/light-badge";

type Notice = RouterOutputs["notices"]["list"]["notices"][number];
type Status = Notice["status"];
type RecordType = NonNullable<Notice["record"]>["type"];
type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const STATUS_COLOR: Record<Status, string> = {
  open: "blue",
  replied: "purple",
  returned: "orange",
  accepted: "green",
};
const RECORD_TYPES: RecordType[] = ["dispute", "petition", "incident", "keyPerson", "visit", "event"];

type IssueValues = {
  townshipId: string;
  title: string;
  content: string;
  subject: "record" | "indicator" | "matter";
  recordType?: RecordType;
  recordId?: string;
  indicator?: string;
  month?: Dayjs;
  deadlineKind: "workingDays" | "dueDate";
  workingDays?: number;
  dueDate?: Dayjs;
  responsibleUserId: string;
};

function StatusTag({ n, t }: { n: Pick<Notice, "status" | "overdue">; t: T }) {
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[n.status]}>{t(`notices.status.${n.status}`)}</Tag>
      {n.overdue && <Tag color="red">{t("notices.overdue")}</Tag>}
    </Space>
  );
}

/**
 * 督办单: the county issues notices to its townships and accepts or returns their replies; a township sees
 * its own notices with their lights and replies with its records as evidence.
 */
export default function NoticesPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { session } = useSession();
  const isCounty = !!session && COUNTY_ROLES.includes(session.user.role);
  const ownTownshipId = session?.user.townshipId;
  const [townshipFilter, setTownshipFilter] = useState<string | undefined>();
  const [issuing, setIssuing] = useState(false);
  // A notification links here with the notice's id: open it.
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | undefined>(params.get("id") ?? undefined);
  const linked = params.get("id");
  useEffect(() => {
    if (linked) setOpenId(linked);
  }, [linked]);
  const close = () => {
    setOpenId(undefined);
    if (linked) setParams({}, { replace: true });
  };

  const townships = useQuery({
    ...trpc.onboarding.listTownships.queryOptions({ status: "active" }),
    enabled: isCounty,
  });
  const countyList = useQuery({
    ...trpc.notices.list.queryOptions({ townshipId: townshipFilter }),
    enabled: isCounty,
  });
  const townshipList = useQuery({
    ...trpc.notices.townshipList.queryOptions({ townshipId: ownTownshipId ?? "" }),
    enabled: !isCounty && !!ownTownshipId,
  });
  const data = isCounty ? countyList.data : townshipList.data;
  const loading = isCounty ? countyList.isPending : townshipList.isPending;
  const open = data?.notices.find((n) => n.id === openId);

  const columns = [
    {
      title: t("notices.light"),
      dataIndex: "light",
      render: (l: Light | undefined) => (l ? <LightBadge light={l} text={t(`notices.light.${l}`)} /> : "—"),
    },
    ...(isCounty ? [{ title: t("notices.township"), dataIndex: "townshipName" }] : []),
    { title: t("notices.noticeTitle"), dataIndex: "title" },
    { title: t("notices.responsible"), dataIndex: "responsibleName" },
    { title: t("notices.dueAt"), dataIndex: "dueAt", render: showDeadline },
    {
      title: t("notices.status"),
      dataIndex: "status",
      render: (_: Status, n: Notice) => <StatusTag n={n} t={t} />,
    },
    {
      title: t("common.actions"),
      render: (_: unknown, n: Notice) => (
        <Button size="small" onClick={() => setOpenId(n.id)}>
          {!isCounty && (n.status === "open" || n.status === "returned")
            ? t("notices.reply")
            : t("notices.open")}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("notices.title")}
        </Typography.Title>
        {isCounty && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t("notices.issue")}
          </Button>
        )}
      </Space>
      <Row gutter={[12, 12]}>
        {(["red", "yellow", "green"] as const).map((l) => (
          <Col xs={12} md={6} key={l}>
            <Card size="small">
              <Statistic
                title={<LightBadge light={l} text={t(`notices.count.${l}`)} />}
                value={data?.counts[l] ?? "—"}
                styles={{ content: { color: LIGHT_COLOR[l] } }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("notices.count.replied")} value={data?.counts.replied ?? "—"} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        extra={
          isCounty && (
            <Select
              allowClear
              placeholder={t("notices.allTownships")}
              style={{ width: 160 }}
              value={townshipFilter}
              onChange={setTownshipFilter}
              options={(townships.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
            />
          )
        }
      >
        <Table<Notice>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.notices ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("notices.empty") }}
          columns={columns}
        />
      </Card>
      {isCounty && (
        <IssueDrawer
          open={issuing}
          onClose={() => setIssuing(false)}
          townships={(townships.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
        />
      )}
      <Drawer title={open?.title} open={!!open} onClose={close} size={520} destroyOnHidden>
        {open && <NoticeDetail notice={open} isCounty={isCounty} onDone={close} />}
      </Drawer>
    </Space>
  );
}

function IssueDrawer(p: {
  open: boolean;
  onClose: () => void;
  townships: { value: string; label: string }[];
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const townshipId = Form.useWatch("townshipId", form);
  const subject = Form.useWatch("subject", form);
  const deadlineKind = Form.useWatch("deadlineKind", form);
  const people = useQuery({
    ...trpc.notices.responsibles.queryOptions({ townshipId: townshipId ?? "" }),
    enabled: !!townshipId,
  });
  const issue = useMutation(
    trpc.notices.issue.mutationOptions({
      onSuccess: (n) => {
        message.success(t("notices.issued", { title: n.title }));
        void qc.invalidateQueries(trpc.notices.pathFilter());
        p.onClose();
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const submit = (v: IssueValues) =>
    issue.mutate({
      townshipId: v.townshipId,
      title: v.title,
      content: v.content,
      subject: v.subject,
      ...(v.subject === "record" && v.recordType && v.recordId
        ? { record: { type: v.recordType, id: v.recordId.trim() } }
        : {}),
      ...(v.subject === "indicator" ? { indicator: v.indicator, month: v.month?.format("YYYY-MM") } : {}),
      ...(v.deadlineKind === "workingDays"
        ? { workingDays: v.workingDays }
        : { dueDate: v.dueDate?.format("YYYY-MM-DD") }),
      responsibleUserId: v.responsibleUserId,
    });
  return (
    <FormDrawer<IssueValues>
      title={t("notices.issue")}
      open={p.open}
      onClose={p.onClose}
      form={form}
      submitting={issue.isPending}
      submitLabel={t("notices.issue")}
      initialValues={{ subject: "matter", deadlineKind: "workingDays", workingDays: 5 }}
      onFinish={submit}
    >
      <Form.Item
        name="townshipId"
        label={t("notices.township")}
        rules={[{ required: true, message: t("notices.chooseTownship") }]}
      >
        <Select
          options={p.townships}
          onChange={() => form.setFieldValue("responsibleUserId", undefined)}
          data-testid="notice-township"
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t("notices.noticeTitle")}
        rules={[{ required: true, message: t("notices.titleRequired") }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t("notices.content")}
        rules={[{ required: true, message: t("notices.contentRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="subject" label={t("notices.subject")}>
        <Radio.Group
          options={(["matter", "record", "indicator"] as const).map((s) => ({
            value: s,
            label: t(`notices.subject.${s}`),
          }))}
        />
      </Form.Item>
      {subject === "record" && (
        <Space.Compact style={{ width: "100%" }}>
          <Form.Item name="recordType" label={t("notices.recordType")} style={{ width: "40%" }}>
            <Select options={RECORD_TYPES.map((r) => ({ value: r, label: t(`notices.recordType.${r}`) }))} />
          </Form.Item>
          <Form.Item name="recordId" label={t("notices.recordId")} style={{ width: "60%" }}>
            <Input />
          </Form.Item>
        </Space.Compact>
      )}
      {subject === "indicator" && (
        <Space wrap>
          <Form.Item name="indicator" label={t("notices.indicator")}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="month" label={t("notices.month")}>
            <DatePicker picker="month" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="deadlineKind" label={t("notices.deadlineKind")}>
        <Radio.Group
          options={[
            { value: "workingDays", label: t("notices.byWorkingDays") },
            { value: "dueDate", label: t("notices.byDate") },
          ]}
        />
      </Form.Item>
      {deadlineKind === "dueDate" ? (
        <Form.Item name="dueDate" label={t("notices.dueDate")}>
          <DatePicker />
        </Form.Item>
      ) : (
        <Form.Item name="workingDays" label={t("notices.workingDays")}>
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
      )}
      <Form.Item
        name="responsibleUserId"
        label={t("notices.responsible")}
        rules={[{ required: true, message: t("notices.responsibleRequired") }]}
      >
        <Select
          loading={people.isFetching}
          options={(people.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          data-testid="notice-responsible"
        />
      </Form.Item>
    </FormDrawer>
  );
}

function NoticeDetail({
  notice,
  isCounty,
  onDone,
}: {
  notice: Notice;
  isCounty: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const subject =
    notice.subject === "record" && notice.record
      ? `${t(`notices.recordType.${notice.record.type}`)} ${notice.record.id}`
      : notice.subject === "indicator"
        ? `${notice.indicator ?? ""} ${notice.month ?? ""}`
        : t("notices.subject.matter");
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("notices.township")}>{notice.townshipName}</Descriptions.Item>
        <Descriptions.Item label={t("notices.content")}>
          <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{notice.content}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("notices.subject")}>{subject}</Descriptions.Item>
        <Descriptions.Item label={t("notices.issuedBy")}>
          {notice.issuedByName} · {showInstant(notice.issuedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t("notices.dueAt")}>
          {showDeadline(notice.dueAt)}
          {notice.workingDays ? t("notices.workingDaysNote", { n: notice.workingDays }) : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("notices.responsible")}>{notice.responsibleName}</Descriptions.Item>
        <Descriptions.Item label={t("notices.status")}>
          <Space>
            {notice.light && <LightBadge light={notice.light} text={t(`notices.light.${notice.light}`)} />}
            <StatusTag n={notice} t={t} />
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t("notices.replies")}>
        <List
          dataSource={notice.replies}
          locale={{ emptyText: t("notices.noReplies") }}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                <Typography.Text type="secondary">
                  {r.byName} · {showInstant(r.at)}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{r.text}</Typography.Text>
                {r.evidence.length > 0 && (
                  <Space wrap size={4}>
                    {r.evidence.map((e) => (
                      <Tag
                        key={`${e.type}:${e.id}`}
                      >{`${t(`notices.recordType.${e.type}`)} ${e.id.slice(0, 8)}`}</Tag>
                    ))}
                  </Space>
                )}
                {r.decision === "accepted" && <Tag color="green">{t("notices.decision.accepted")}</Tag>}
                {r.decision === "returned" && (
                  <Typography.Text type="danger">
                    {t("notices.decision.returned", { reason: r.decisionReason ?? "" })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {isCounty && notice.status === "replied" && <DecideForm notice={notice} onDone={onDone} />}
      {!isCounty && (notice.status === "open" || notice.status === "returned") && (
        <ReplyForm notice={notice} onDone={onDone} />
      )}
    </Space>
  );
}

function DecideForm({ notice, onDone }: { notice: Notice; onDone: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const done = (text: string) => {
    message.success(text);
    void qc.invalidateQueries(trpc.notices.pathFilter());
    onDone();
  };
  const accept = useMutation(
    trpc.notices.accept.mutationOptions({ onSuccess: () => done(t("notices.accepted")) }),
  );
  const giveBack = useMutation(
    trpc.notices.returnReply.mutationOptions({
      onSuccess: () => done(t("notices.returned")),
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const key = { townshipId: notice.townshipId, id: notice.id, expectedVersion: notice.version };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => giveBack.mutate({ ...key, reason: v.reason })}>
      <Form.Item
        name="reason"
        label={t("notices.returnReason")}
        rules={[{ required: true, message: t("notices.returnReasonRequired") }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Space>
        <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate(key)}>
          {t("notices.accept")}
        </Button>
        <Button danger htmlType="submit" loading={giveBack.isPending}>
          {t("notices.return")}
        </Button>
      </Space>
    </Form>
  );
}

function ReplyForm({ notice, onDone }: { notice: Notice; onDone: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; evidence?: string[] }>();
  const townshipId = notice.townshipId;
  const disputes = useQuery(trpc.disputes.list.queryOptions({ townshipId, limit: 100 }));
  const petitions = useQuery(trpc.petitions.list.queryOptions({ townshipId, limit: 100 }));
  const incidents = useQuery(trpc.incidents.list.queryOptions({ townshipId, limit: 100 }));
  const options = [
    ...(disputes.data?.items ?? []).map((d) => ({
      value: `dispute:${d.id}`,
      label: `${t("notices.recordType.dispute")} · ${d.category} · ${d.partiesBrief} · ${showDate(d.reportedAt)}`,
    })),
    ...(petitions.data?.items ?? []).map((p) => ({
      value: `petition:${p.id}`,
      label: `${t("notices.recordType.petition")} · ${p.subject} · ${showDate(p.receivedAt)}`,
    })),
    ...(incidents.data?.items ?? []).map((i) => ({
      value: `incident:${i.id}`,
      label: `${t("notices.recordType.incident")} · ${i.summary} · ${showDate(i.occurredAt)}`,
    })),
  ];
  const reply = useMutation(
    trpc.notices.reply.mutationOptions({
      onSuccess: () => {
        message.success(t("notices.replied"));
        void qc.invalidateQueries(trpc.notices.pathFilter());
        onDone();
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) =>
        reply.mutate({
          townshipId,
          id: notice.id,
          expectedVersion: notice.version,
          text: v.text,
          evidence: (v.evidence ?? []).map((e) => {
            const [type, id] = e.split(":") as [RecordType, string];
            return { type, id };
          }),
        })
      }
    >
      <Form.Item
        name="text"
        label={t("notices.replyText")}
        rules={[{ required: true, message: t("notices.replyRequired") }]}
      >
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item name="evidence" label={t("notices.evidence")}>
        <Select mode="multiple" options={options} optionFilterProp="label" data-testid="notice-evidence" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={reply.isPending}>
        {t("notices.reply")}
      </Button>
    </Form>
  );
}
