import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";
import { useTownshipId } from "../../shared/use-township-id";
import { OrgBreakdown } from "./breakdown";

type Org = RouterOutputs["organisation"]["get"];
type Village = Org["villages"][number];
type GridRow = Org["grids"][number];
type VillageValues = { name: string; kind: "village" | "community"; cadreId?: string; leaderId?: string };
type GridValues = { villageId: string; name: string; workerId?: string };

const requestId = () => `org-${crypto.randomUUID()}`;

/** 村居网格: the township admin keeps its villages and grids and assigns its staff to them (issue 14). */
export default function OrganisationPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const townshipId = useTownshipId();
  const [addingVillage, setAddingVillage] = useState(false);
  const [addingGrid, setAddingGrid] = useState(false);
  const [villageForm] = Form.useForm<VillageValues>();
  const [gridForm] = Form.useForm<GridValues>();
  const org = useQuery(trpc.organisation.get.queryOptions({ townshipId }));
  const refresh = () => void qc.invalidateQueries(trpc.organisation.pathFilter());
  const failed = (e: { message: string }) => message.error(e.message);
  const saved = () => {
    message.success(t("org.saved"));
    refresh();
  };

  const createVillage = useMutation(
    trpc.organisation.createVillage.mutationOptions({
      onSuccess: () => {
        setAddingVillage(false);
        saved();
      },
      onError: (e) => applyFieldErrors(villageForm, e),
    }),
  );
  const createGrid = useMutation(
    trpc.organisation.createGrid.mutationOptions({
      onSuccess: () => {
        setAddingGrid(false);
        saved();
      },
      onError: (e) => applyFieldErrors(gridForm, e),
    }),
  );
  const updateVillage = useMutation(
    trpc.organisation.updateVillage.mutationOptions({ onSuccess: saved, onError: failed }),
  );
  const updateGrid = useMutation(
    trpc.organisation.updateGrid.mutationOptions({ onSuccess: saved, onError: failed }),
  );
  const archiveVillage = useMutation(
    trpc.organisation.archiveVillage.mutationOptions({ onSuccess: saved, onError: failed }),
  );
  const archiveGrid = useMutation(
    trpc.organisation.archiveGrid.mutationOptions({ onSuccess: saved, onError: failed }),
  );
  const setLeader = useMutation(
    trpc.organisation.setLeader.mutationOptions({ onSuccess: saved, onError: failed }),
  );

  const staff = org.data?.staff ?? [];
  const people = staff.map((s) => ({ value: s.userId, label: s.name }));
  const leaders = staff.filter((s) => s.leader).map((s) => ({ value: s.userId, label: s.name }));
  const villages = org.data?.villages ?? [];
  const liveVillages = villages.filter((v) => !v.archived);
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const personSelect = (
    label: string,
    value: string | null,
    options: { value: string; label: string }[],
    onChange: (v: string | null) => void,
    disabled: boolean,
  ) => (
    <Select
      allowClear
      aria-label={label}
      placeholder={t("org.unassigned")}
      style={{ minWidth: 120 }}
      value={value ?? undefined}
      options={options}
      disabled={disabled}
      onChange={(v) => onChange(v ?? null)}
    />
  );
  const archived = (row: { archived: boolean }) => (row.archived ? <Tag>{t("org.archived")}</Tag> : null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("org.title")}
      </Typography.Title>

      <Card size="small" title={t("org.leaders")} extra={t("org.leadersHint")}>
        <Space wrap>
          {staff.map((s) => (
            <Space key={s.userId} size={4}>
              <span>{s.name}</span>
              <Switch
                size="small"
                aria-label={`${s.name} ${t("org.isLeader")}`}
                checked={s.leader}
                onChange={(leader) => setLeader.mutate({ townshipId, userId: s.userId, leader })}
              />
            </Space>
          ))}
        </Space>
      </Card>

      <Card
        size="small"
        title={t("org.villages")}
        extra={
          <Button type="primary" onClick={() => setAddingVillage(true)}>
            {t("org.addVillage")}
          </Button>
        }
      >
        <Table<Village>
          data-testid="villages-table"
          rowKey="id"
          size="small"
          loading={org.isPending}
          dataSource={villages}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            {
              title: t("org.villageName"),
              render: (_, v) => (
                <Space size={4}>
                  {v.name}
                  {archived(v)}
                </Space>
              ),
            },
            { title: t("org.kind"), render: (_, v) => t(`org.kind.${v.kind}`) },
            {
              title: t("org.cadre"),
              render: (_, v) =>
                personSelect(
                  `${v.name} ${t("org.cadre")}`,
                  v.cadreId,
                  people,
                  (cadreId) =>
                    updateVillage.mutate({ townshipId, id: v.id, expectedVersion: v.version, cadreId }),
                  v.archived,
                ),
            },
            {
              title: t("org.leader"),
              render: (_, v) =>
                personSelect(
                  `${v.name} ${t("org.leader")}`,
                  v.leaderId,
                  leaders,
                  (leaderId) =>
                    updateVillage.mutate({ townshipId, id: v.id, expectedVersion: v.version, leaderId }),
                  v.archived,
                ),
            },
            {
              title: t("common.actions"),
              render: (_, v) =>
                v.archived ? null : (
                  <Popconfirm
                    title={t("org.confirmArchive", { name: v.name })}
                    onConfirm={() =>
                      archiveVillage.mutate({ townshipId, id: v.id, expectedVersion: v.version })
                    }
                  >
                    <Button size="small" danger>
                      {t("org.archive")}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t("org.grids")}
        extra={
          <Button type="primary" disabled={liveVillages.length === 0} onClick={() => setAddingGrid(true)}>
            {t("org.addGrid")}
          </Button>
        }
      >
        <Table<GridRow>
          data-testid="grids-table"
          rowKey="id"
          size="small"
          loading={org.isPending}
          dataSource={[...(org.data?.grids ?? [])].sort(
            (a, b) =>
              (villageName.get(a.villageId) ?? "").localeCompare(
                villageName.get(b.villageId) ?? "",
                "zh-CN",
              ) || a.name.localeCompare(b.name, "zh-CN"),
          )}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("org.gridVillage"), render: (_, g) => villageName.get(g.villageId) ?? "" },
            {
              title: t("org.gridName"),
              render: (_, g) => (
                <Space size={4}>
                  {g.name}
                  {archived(g)}
                </Space>
              ),
            },
            {
              title: t("org.worker"),
              render: (_, g) =>
                personSelect(
                  `${g.name} ${t("org.worker")}`,
                  g.workerId,
                  people,
                  (workerId) =>
                    updateGrid.mutate({ townshipId, id: g.id, expectedVersion: g.version, workerId }),
                  g.archived,
                ),
            },
            {
              title: t("common.actions"),
              render: (_, g) =>
                g.archived ? null : (
                  <Popconfirm
                    title={t("org.confirmArchive", { name: g.name })}
                    onConfirm={() => archiveGrid.mutate({ townshipId, id: g.id, expectedVersion: g.version })}
                  >
                    <Button size="small" danger>
                      {t("org.archive")}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>

      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("org.breakdownTitle")}
      </Typography.Title>
      <OrgBreakdown townshipId={townshipId} />

      <FormDrawer<VillageValues>
        title={t("org.addVillage")}
        open={addingVillage}
        onClose={() => setAddingVillage(false)}
        form={villageForm}
        submitting={createVillage.isPending}
        initialValues={{ kind: "village" }}
        onFinish={(v) => createVillage.mutate({ townshipId, requestId: requestId(), ...v })}
      >
        <Form.Item
          name="name"
          label={t("org.villageName")}
          rules={[{ required: true, message: t("org.villageNameRequired") }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="kind" label={t("org.kind")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "village", label: t("org.kind.village") },
              { value: "community", label: t("org.kind.community") },
            ]}
          />
        </Form.Item>
        <Form.Item name="cadreId" label={t("org.cadre")}>
          <Select allowClear options={people} />
        </Form.Item>
        <Form.Item name="leaderId" label={t("org.leader")}>
          <Select allowClear options={leaders} />
        </Form.Item>
      </FormDrawer>

      <FormDrawer<GridValues>
        title={t("org.addGrid")}
        open={addingGrid}
        onClose={() => setAddingGrid(false)}
        form={gridForm}
        submitting={createGrid.isPending}
        onFinish={(v) => createGrid.mutate({ townshipId, requestId: requestId(), ...v })}
      >
        <Form.Item
          name="villageId"
          label={t("org.gridVillage")}
          rules={[{ required: true, message: t("org.gridVillageRequired") }]}
        >
          <Select options={liveVillages.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("org.gridName")}
          rules={[{ required: true, message: t("org.gridNameRequired") }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="workerId" label={t("org.worker")}>
          <Select allowClear options={people} />
        </Form.Item>
      </FormDrawer>
    </Space>
  );
}
