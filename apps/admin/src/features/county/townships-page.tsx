import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Popconfirm, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";

type Township = RouterOutputs["onboarding"]["listTownships"][number];
type Status = Township["status"];

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
                    onClick={() => approve.mutate({ townshipId: t.id, expectedVersion: t.version })}
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
