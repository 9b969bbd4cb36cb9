import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Checkbox,
  Drawer,
  Form,
  Grid,
  Input,
  List,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { FormDrawer } from "./form-drawer";
import { nowInstant, showInstant } from "./instant";
import { InstantPicker } from "./instant-picker";
import { KEY_PERSON_CATEGORY_LABELS, options } from "./record-labels";
import { RecordPageShell } from "./record-page-shell";
import { useTownshipId } from "./use-township-id";

type KeyPerson = RouterOutputs["keyPersons"]["list"]["items"][number];
type CreateValues = { alias: string; category: KeyPerson["category"]; registeredAt: string; note?: string };
type VisitValues = { at: string; note?: string };

function startOfMonthCst(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01T00:00:00+08:00`;
}

/** 重点人员: registered people, each to be visited every month; visits on a timeline per person. */
export default function KeyPersonsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const townshipId = useTownshipId();
  const screens = Grid.useBreakpoint();
  const [category, setCategory] = useState<KeyPerson["category"] | undefined>();
  const [includeDeregistered, setIncludeDeregistered] = useState(false);
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<KeyPerson | null>(null);
  const [form] = Form.useForm<CreateValues>();
  const [visitForm] = Form.useForm<VisitValues>();

  const list = useInfiniteQuery(
    trpc.keyPersons.list.infiniteQueryOptions(
      { townshipId, category, includeDeregistered, limit: 20 },
      { getNextPageParam: (p) => p.cursor ?? undefined },
    ),
  );
  const monthVisits = useQuery(
    trpc.keyPersons.listVisits.queryOptions({ townshipId, from: startOfMonthCst(), limit: 100 }),
  );
  const visitedThisMonth = new Set(monthVisits.data?.items.map((v) => v.keyPersonId));
  const visits = useQuery({
    ...trpc.keyPersons.listVisits.queryOptions({ townshipId, keyPersonId: selected?.id ?? "", limit: 50 }),
    enabled: selected !== null,
  });
  const create = useMutation(
    trpc.keyPersons.create.mutationOptions({
      onSuccess: () => {
        setAdding(false);
        void qc.invalidateQueries(trpc.keyPersons.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const addVisit = useMutation(
    trpc.keyPersons.addVisit.mutationOptions({
      onSuccess: () => {
        visitForm.resetFields();
        void qc.invalidateQueries(trpc.keyPersons.pathFilter());
      },
      onError: (e) => applyFieldErrors(visitForm, e),
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <RecordPageShell<KeyPerson>
      title="重点人员"
      addLabel="列管登记"
      onAdd={() => setAdding(true)}
      filters={
        <>
          <Select
            allowClear
            placeholder="人员类别"
            style={{ width: 180 }}
            value={category}
            onChange={setCategory}
            options={options(KEY_PERSON_CATEGORY_LABELS)}
          />
          <Checkbox checked={includeDeregistered} onChange={(e) => setIncludeDeregistered(e.target.checked)}>
            含已解除列管
          </Checkbox>
        </>
      }
      items={items}
      loading={list.isPending}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onMore={() => void list.fetchNextPage()}
      rowKey={(k) => k.id}
      renderItem={(k) => (
        <List.Item onClick={() => setSelected(k)} style={{ cursor: "pointer" }}>
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{k.alias}</span>
                <Tag>{KEY_PERSON_CATEGORY_LABELS[k.category]}</Tag>
                {k.deregisteredAt ? (
                  <Tag>已解除列管</Tag>
                ) : visitedThisMonth.has(k.id) ? (
                  <Tag color="green">本月已走访</Tag>
                ) : (
                  <Tag color="orange">本月未走访</Tag>
                )}
              </Space>
            }
            description={
              <Typography.Text type="secondary">列管 {showInstant(k.registeredAt)}</Typography.Text>
            }
          />
        </List.Item>
      )}
    >
      <FormDrawer<CreateValues>
        title="重点人员列管登记"
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={create.isPending}
        initialValues={{ registeredAt: nowInstant() }}
        onFinish={(v) => create.mutate({ townshipId, requestId: crypto.randomUUID(), ...v })}
      >
        <Form.Item
          name="alias"
          label="人员代称"
          extra="为保护个人信息，请使用代称（如“张某”），不填写身份证号"
          rules={[{ required: true, message: "请填写人员代称" }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="category" label="人员类别" rules={[{ required: true, message: "请选择人员类别" }]}>
          <Select options={options(KEY_PERSON_CATEGORY_LABELS)} />
        </Form.Item>
        <Form.Item
          name="registeredAt"
          label="列管时间"
          rules={[{ required: true, message: "请选择列管时间" }]}
        >
          <InstantPicker />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormDrawer>
      <Drawer
        title={selected ? `${selected.alias} · 走访记录` : ""}
        open={selected !== null}
        onClose={() => setSelected(null)}
        size={screens.sm ? 480 : "100%"}
        destroyOnHidden
      >
        {selected && (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Timeline
              items={(visits.data?.items ?? []).map((v) => ({
                key: v.id,
                content: (
                  <>
                    <Typography.Text strong>{showInstant(v.at)}</Typography.Text>
                    {v.note && <div>{v.note}</div>}
                  </>
                ),
              }))}
            />
            {!visits.isPending && (visits.data?.items.length ?? 0) === 0 && (
              <Typography.Text type="secondary">尚无走访记录</Typography.Text>
            )}
            {!selected.deregisteredAt && (
              <Form<VisitValues>
                form={visitForm}
                layout="vertical"
                initialValues={{ at: nowInstant() }}
                onFinish={(v) =>
                  addVisit.mutate({
                    townshipId,
                    requestId: crypto.randomUUID(),
                    keyPersonId: selected.id,
                    ...v,
                  })
                }
              >
                <Form.Item name="at" label="走访时间" rules={[{ required: true, message: "请选择走访时间" }]}>
                  <InstantPicker />
                </Form.Item>
                <Form.Item name="note" label="走访情况">
                  <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={addVisit.isPending}>
                  记录走访
                </Button>
              </Form>
            )}
          </Space>
        )}
      </Drawer>
    </RecordPageShell>
  );
}
