import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";

type Township = RouterOutputs["onboarding"]["listTownships"][number];
type Status = Township["status"];
type PopulationRequest = RouterOutputs["onboarding"]["pendingPopulationRequests"][number];

const STATUS_COLORS: Record<string, string> = {
  pending: "orange",
  active: "green",
  rejected: "red",
  archived: "default",
};
const STATUS_KEYS = {
  pending: "townships.status.pending",
  active: "townships.status.active",
  rejected: "townships.status.rejected",
  archived: "townships.status.archived",
} as const;

/** 乡镇审批: the county's join code, and the townships that registered with it, to approve or reject. */
export default function TownshipsPage() {
  const trpc = useTRPC();
  const { t: tr } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status | "all">("pending");
  const [rejecting, setRejecting] = useState<Township | null>(null);
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [approving, setApproving] = useState<Township | null>(null);
  const [editingMember, setEditingMember] = useState<Township | null>(null);
  const joinCode = useQuery(trpc.onboarding.joinCode.queryOptions());
  const townships = useQuery(
    trpc.onboarding.listTownships.queryOptions(status === "all" ? undefined : { status }),
  );
  const refresh = () => void qc.invalidateQueries(trpc.onboarding.pathFilter());
  const rotate = useMutation(trpc.onboarding.rotateJoinCode.mutationOptions({ onSuccess: refresh }));
  const approve = useMutation(
    trpc.onboarding.approveTownship.mutationOptions({
      onSuccess: (t) => {
        message.success(tr("townships.approved", { name: t.name }));
        setApproving(null);
        refresh();
      },
    }),
  );
  const reject = useMutation(
    trpc.onboarding.rejectTownship.mutationOptions({
      onSuccess: () => {
        setRejecting(null);
        refresh();
      },
      onError: (e) => applyFieldErrors(rejectForm, e),
    }),
  );

  const populationRequests = useQuery(trpc.onboarding.pendingPopulationRequests.queryOptions());
  const decidePopulation = useMutation(
    trpc.onboarding.decidePopulation.mutationOptions({
      onSuccess: (_r, v) => {
        message.success(tr(v.approve ? "townships.populationApproved" : "townships.populationRejected"));
        refresh();
      },
    }),
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {tr("townships.title")}
      </Typography.Title>
      <Card size="small" title={tr("townships.joinCode")}>
        <Space wrap>
          <Typography.Text
            copyable={joinCode.data?.joinCode ? { text: joinCode.data.joinCode } : false}
            style={{ fontSize: 24, fontFamily: "monospace", letterSpacing: 4 }}
            data-testid="join-code"
          >
            {joinCode.data?.joinCode ?? tr("townships.noCode")}
          </Typography.Text>
          <Popconfirm
            title={joinCode.data?.joinCode ? tr("townships.confirmRotate") : tr("townships.confirmGenerate")}
            onConfirm={() => rotate.mutate()}
          >
            <Button loading={rotate.isPending}>
              {joinCode.data?.joinCode ? tr("townships.rotate") : tr("townships.generate")}
            </Button>
          </Popconfirm>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {tr("townships.codeHint")}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={tr("townships.populationRequests")}>
        <Table<PopulationRequest>
          rowKey="id"
          size="small"
          loading={populationRequests.isPending}
          dataSource={populationRequests.data ?? []}
          pagination={false}
          locale={{ emptyText: tr("townships.populationNone") }}
          columns={[
            { title: tr("townships.name"), dataIndex: "townshipName" },
            { title: tr("townships.populationCurrent"), dataIndex: "current", align: "right" },
            { title: tr("townships.populationNew"), dataIndex: "population", align: "right" },
            { title: tr("townships.populationFrom"), dataIndex: "from" },
            { title: tr("townships.populationReason"), dataIndex: "reason" },
            {
              title: "",
              key: "decide",
              render: (_: unknown, r) => {
                const decide = (approve: boolean) =>
                  decidePopulation.mutate({
                    townshipId: r.townshipId,
                    requestId: r.id,
                    approve,
                    expectedVersion: r.townshipVersion,
                  });
                return (
                  <Space>
                    <Popconfirm
                      title={tr("townships.populationConfirmApprove")}
                      onConfirm={() => decide(true)}
                    >
                      <Button type="link" size="small">
                        {tr("townships.approve")}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={tr("townships.populationConfirmReject")}
                      onConfirm={() => decide(false)}
                    >
                      <Button type="link" size="small" danger>
                        {tr("townships.reject")}
                      </Button>
                    </Popconfirm>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as Status | "all")}
        options={[
          { value: "pending", label: tr("townships.status.pending") },
          { value: "active", label: tr("townships.status.active") },
          { value: "rejected", label: tr("townships.status.rejected") },
          { value: "all", label: tr("townships.all") },
        ]}
      />
      <Table<Township>
        rowKey="id"
        loading={townships.isPending}
        dataSource={townships.data ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: status === "pending" ? tr("townships.emptyPending") : tr("townships.empty") }}
        columns={[
          { title: tr("townships.name"), dataIndex: "name" },
          { title: tr("townships.code"), dataIndex: "code" },
          { title: tr("townships.population"), dataIndex: "population", align: "right" },
          { title: tr("townships.villages"), dataIndex: "villages", align: "right" },
          { title: tr("townships.grids"), dataIndex: "grids", align: "right" },
          {
            title: tr("townships.memberFrom"),
            dataIndex: "memberFrom",
            render: (m: string | null, t) =>
              t.status !== "active" ? (
                "—"
              ) : (
                <Space size={4}>
                  <span data-testid="member-from">{m ?? tr("townships.memberAlways")}</span>
                  <Button type="link" size="small" onClick={() => setEditingMember(t)}>
                    {tr("townships.memberEdit")}
                  </Button>
                </Space>
              ),
          },
          {
            title: tr("townships.statusColumn"),
            dataIndex: "status",
            render: (s: string, t) => (
              <>
                <Tag color={STATUS_COLORS[s]}>
                  {s in STATUS_KEYS ? tr(STATUS_KEYS[s as keyof typeof STATUS_KEYS]) : s}
                </Tag>
                {t.rejectReason && <Typography.Text type="secondary">{t.rejectReason}</Typography.Text>}
              </>
            ),
          },
          {
            title: tr("common.actions"),
            render: (_: unknown, t) =>
              t.status === "pending" || t.status === "rejected" ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={approve.isPending && approve.variables?.townshipId === t.id}
                    onClick={() => setApproving(t)}
                  >
                    {tr("townships.approve")}
                  </Button>
                  {t.status === "pending" && (
                    <Button size="small" danger onClick={() => setRejecting(t)}>
                      {tr("townships.reject")}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      {approving && (
        <ApproveDialog
          township={approving}
          submitting={approve.isPending}
          onCancel={() => setApproving(null)}
          onConfirm={(memberFrom) =>
            approve.mutate({ townshipId: approving.id, expectedVersion: approving.version, memberFrom })
          }
        />
      )}
      {editingMember && (
        <MemberFromDialog
          township={editingMember}
          onClose={() => {
            setEditingMember(null);
            refresh();
          }}
        />
      )}
      <FormDrawer<{ reason: string }>
        title={tr("townships.rejectTitle", { name: rejecting?.name ?? "" })}
        open={rejecting !== null}
        onClose={() => setRejecting(null)}
        form={rejectForm}
        submitting={reject.isPending}
        submitLabel={tr("townships.reject")}
        onFinish={(v) =>
          rejecting &&
          reject.mutate({ townshipId: rejecting.id, expectedVersion: rejecting.version, reason: v.reason })
        }
      >
        <Form.Item
          name="reason"
          label={tr("townships.rejectReason")}
          rules={[{ required: true, message: tr("townships.rejectReasonRequired") }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}

/**
 * Approving a registration is confirmed, with the first month the township is scored and ranked in
 * (scoring.md §11): the joining month (this month, scored from its first day) or the next full month.
 */
function ApproveDialog({
  township,
  submitting,
  onCancel,
  onConfirm,
}: {
  township: Township;
  submitting: boolean;
  onCancel: () => void;
  onConfirm: (memberFrom: string) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const choices = useQuery(trpc.onboarding.memberFromChoices.queryOptions());
  const [choice, setChoice] = useState<"joining" | "next" | "other">("next");
  const [other, setOther] = useState<string | undefined>(undefined);
  const c = choices.data;
  const memberFrom = c
    ? choice === "joining"
      ? c.joiningMonth
      : choice === "next"
        ? c.nextFullMonth
        : other
    : undefined;
  const joiningClosed = c?.firstUnpublishedMonth ? c.joiningMonth < c.firstUnpublishedMonth : false;
  return (
    <Modal
      open
      title={t("townships.approveTitle", { name: township.name })}
      okText={t("townships.approveConfirm")}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      okButtonProps={{ disabled: !memberFrom, loading: submitting }}
      onOk={() => memberFrom && onConfirm(memberFrom)}
    >
      <Typography.Paragraph>
        {t("townships.approveSays", { name: township.name, code: township.code })}
      </Typography.Paragraph>
      {c && (
        <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value)}>
          <Space orientation="vertical">
            <Radio value="next">{t("townships.memberNext", { month: c.nextFullMonth })}</Radio>
            <Radio value="joining" disabled={joiningClosed}>
              {t("townships.memberJoining", { month: c.joiningMonth })}
            </Radio>
            <Radio value="other">
              <Space wrap>
                {t("townships.memberOther")}
                <DatePicker
                  picker="month"
                  size="small"
                  value={other ? dayjs(`${other}-01`) : undefined}
                  onChange={(d) => {
                    setOther(d ? d.format("YYYY-MM") : undefined);
                    setChoice("other");
                  }}
                  aria-label={t("townships.memberOther")}
                />
              </Space>
            </Radio>
          </Space>
        </Radio.Group>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("townships.memberExplain")}
      </Typography.Paragraph>
    </Modal>
  );
}

/** The county changes an active township's first assessed month (the API refuses published months). */
function MemberFromDialog({ township, onClose }: { township: Township; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(township.memberFrom ?? undefined);
  const save = useMutation(
    trpc.onboarding.setMemberFrom.mutationOptions({
      onSuccess: () => {
        message.success(t("townships.memberSaved"));
        onClose();
      },
    }),
  );
  return (
    <Modal
      open
      title={t("townships.memberEditTitle", { name: township.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      okButtonProps={{ disabled: !month, loading: save.isPending }}
      onOk={() =>
        month &&
        save.mutate({ townshipId: township.id, expectedVersion: township.version, memberFrom: month })
      }
    >
      <DatePicker
        picker="month"
        allowClear={false}
        value={month ? dayjs(`${month}-01`) : undefined}
        onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
        aria-label={t("townships.memberFrom")}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("townships.memberEditExplain")}
      </Typography.Paragraph>
    </Modal>
  );
}
