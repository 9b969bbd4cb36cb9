import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Form, Input, List, Radio, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { FormDrawer } from "./form-drawer";
import { nowInstant, showInstant } from "./instant";
import { InstantPicker } from "./instant-picker";
import { RecordPageShell } from "./record-page-shell";
import { useTownshipId } from "./use-township-id";

type Petition = RouterOutputs["petitions"]["list"]["items"][number];
type CreateValues = {
  subject: string;
  petitionerBrief: string;
  receivedAt: string;
  skipLevel?: boolean;
  collective?: boolean;
  firstHandledAt?: string;
};
type CloseValues = { closedAt: string; settled: boolean; closingNote?: string };

/** 信访: received petitions, first handling, closing as settled or not; skip-level and collective flagged. */
export default function PetitionsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const [status, setStatus] = useState<"all" | "open" | "closed">("all");
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<Petition | null>(null);
  const [form] = Form.useForm<CreateValues>();
  const [closeForm] = Form.useForm<CloseValues>();
  const refresh = () => void qc.invalidateQueries(trpc.petitions.pathFilter());

  const list = useInfiniteQuery(
    trpc.petitions.list.infiniteQueryOptions(
      { townshipId, status: status === "all" ? undefined : status, limit: 20 },
      { getNextPageParam: (p) => p.cursor ?? undefined },
    ),
  );
  const create = useMutation(
    trpc.petitions.create.mutationOptions({
      onSuccess: () => {
        setAdding(false);
        refresh();
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const close = useMutation(
    trpc.petitions.close.mutationOptions({
      onSuccess: () => {
        setClosing(null);
        refresh();
      },
      onError: (e) => applyFieldErrors(closeForm, e),
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <RecordPageShell<Petition>
      title="信访"
      addLabel="登记信访"
      onAdd={() => setAdding(true)}
      filters={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: "all", label: "全部" },
            { value: "open", label: "办理中" },
            { value: "closed", label: "已办结" },
          ]}
        />
      }
      items={items}
      loading={list.isPending}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onMore={() => void list.fetchNextPage()}
      rowKey={(p) => p.id}
      renderItem={(p) => (
        <List.Item
          actions={
            p.closedAt
              ? []
              : [
                  <Button key="close" size="small" onClick={() => setClosing(p)}>
                    办结
                  </Button>,
                ]
          }
        >
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{p.subject}</span>
                {p.skipLevel && <Tag color="red">越级</Tag>}
                {p.collective && <Tag color="red">集体访</Tag>}
                {p.closedAt ? (
                  <Tag color={p.settled ? "green" : "orange"}>{p.settled ? "息诉息访" : "未息诉"}</Tag>
                ) : (
                  <Tag color="processing">办理中</Tag>
                )}
              </Space>
            }
            description={
              <>
                <div>{p.petitionerBrief}</div>
                <Typography.Text type="secondary">
                  受理 {showInstant(p.receivedAt)} · 首办 {showInstant(p.firstHandledAt)}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    >
      <FormDrawer<CreateValues>
        title="登记信访"
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        initialValues={{ receivedAt: nowInstant(), skipLevel: false, collective: false }}
        onFinish={(v) =>
          create.mutate({
            townshipId,
            requestId: crypto.randomUUID(),
            ...v,
            skipLevel: v.skipLevel ?? false,
            collective: v.collective ?? false,
          })
        }
      >
        <Form.Item name="subject" label="信访事项" rules={[{ required: true, message: "请填写信访事项" }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="petitionerBrief"
          label="信访人简况"
          rules={[{ required: true, message: "请填写信访人简况" }]}
        >
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="receivedAt" label="受理时间" rules={[{ required: true, message: "请选择受理时间" }]}>
          <InstantPicker />
        </Form.Item>
        <Form.Item name="firstHandledAt" label="首次办理时间">
          <InstantPicker />
        </Form.Item>
        <Space>
          <Form.Item name="skipLevel" valuePropName="checked">
            <Checkbox>越级上访</Checkbox>
          </Form.Item>
          <Form.Item name="collective" valuePropName="checked">
            <Checkbox>集体上访</Checkbox>
          </Form.Item>
        </Space>
      </FormDrawer>
      <FormDrawer<CloseValues>
        title={`办结：${closing?.subject ?? ""}`}
        open={closing !== null}
        onClose={() => setClosing(null)}
        form={closeForm}
        submitting={close.isPending}
        initialValues={{ closedAt: nowInstant(), settled: true }}
        onFinish={(v) =>
          closing && close.mutate({ townshipId, id: closing.id, expectedVersion: closing.version, ...v })
        }
      >
        <Form.Item name="closedAt" label="办结时间" rules={[{ required: true, message: "请选择办结时间" }]}>
          <InstantPicker />
        </Form.Item>
        <Form.Item name="settled" label="是否息诉息访">
          <Radio.Group
            options={[
              { value: true, label: "已息诉息访" },
              { value: false, label: "未息诉" },
            ]}
          />
        </Form.Item>
        <Form.Item name="closingNote" label="办结说明">
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormDrawer>
    </RecordPageShell>
  );
}
