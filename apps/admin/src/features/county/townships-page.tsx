import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Popconfirm, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { FormDrawer } from "../records/form-drawer";

type Township = RouterOutputs["onboarding"]["listTownships"][number];
type Status = Township["status"];

const STATUS_LABELS: Record<string, { text: string; color: string }> = {
  pending: { text: "待审核", color: "orange" },
  active: { text: "已启用", color: "green" },
  rejected: { text: "已驳回", color: "red" },
  archived: { text: "已归档", color: "default" },
};

/** 乡镇审批: the county's join code, and the townships that registered with it, to approve or reject. */
export default function TownshipsPage() {
  const trpc = useTRPC();
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
        message.success(`${t.name}已审核通过`);
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
        乡镇审批
      </Typography.Title>
      <Card size="small" title="乡镇加入码">
        <Space wrap>
          <Typography.Text
            copyable={joinCode.data?.joinCode ? { text: joinCode.data.joinCode } : false}
            style={{ fontSize: 24, fontFamily: "monospace", letterSpacing: 4 }}
            data-testid="join-code"
          >
            {joinCode.data?.joinCode ?? "尚未生成"}
          </Typography.Text>
          <Popconfirm
            title={joinCode.data?.joinCode ? "更换后旧加入码立即失效，确定更换？" : "生成加入码？"}
            onConfirm={() => rotate.mutate()}
          >
            <Button loading={rotate.isPending}>
              {joinCode.data?.joinCode ? "更换加入码" : "生成加入码"}
            </Button>
          </Popconfirm>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          将加入码告知各乡镇综治中心，乡镇凭码自行注册，经本页审核通过后启用。
        </Typography.Paragraph>
      </Card>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as Status | "all")}
        options={[
          { value: "pending", label: "待审核" },
          { value: "active", label: "已启用" },
          { value: "rejected", label: "已驳回" },
          { value: "all", label: "全部" },
        ]}
      />
      <Table<Township>
        rowKey="id"
        loading={townships.isPending}
        dataSource={townships.data ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: status === "pending" ? "暂无待审核的乡镇" : "暂无乡镇" }}
        columns={[
          { title: "乡镇", dataIndex: "name" },
          { title: "区划代码", dataIndex: "code" },
          { title: "常住人口", dataIndex: "population", align: "right" },
          { title: "村（社区）", dataIndex: "villages", align: "right" },
          { title: "网格", dataIndex: "grids", align: "right" },
          {
            title: "状态",
            dataIndex: "status",
            render: (s: string, t) => (
              <>
                <Tag color={STATUS_LABELS[s]?.color}>{STATUS_LABELS[s]?.text ?? s}</Tag>
                {t.rejectReason && <Typography.Text type="secondary">{t.rejectReason}</Typography.Text>}
              </>
            ),
          },
          {
            title: "操作",
            render: (_: unknown, t) =>
              t.status === "pending" || t.status === "rejected" ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={approve.isPending && approve.variables?.townshipId === t.id}
                    onClick={() => approve.mutate({ townshipId: t.id, expectedVersion: t.version })}
                  >
                    审核通过
                  </Button>
                  {t.status === "pending" && (
                    <Button size="small" danger onClick={() => setRejecting(t)}>
                      驳回
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <FormDrawer<{ reason: string }>
        title={`驳回：${rejecting?.name ?? ""}`}
        open={rejecting !== null}
        onClose={() => setRejecting(null)}
        form={rejectForm}
        submitting={reject.isPending}
        submitLabel="驳回"
        onFinish={(v) =>
          rejecting &&
          reject.mutate({ townshipId: rejecting.id, expectedVersion: rejecting.version, reason: v.reason })
        }
      >
        <Form.Item name="reason" label="驳回理由" rules={[{ required: true, message: "请填写驳回理由" }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}
