import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { fieldErrorsOf } from "../../errors/error-messages";
import { applyFieldErrors } from "../../errors/form-errors";
import type { MessageKey } from "../../i18n/dictionary";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";

type CountyUser = RouterOutputs["counties"]["listUsers"][number];
type CountyRole = "county_admin" | "county_reviewer";
type Values = { name: string; phone: string; email?: string; role: CountyRole; initialPassword: string };
type Added = { name: string; role: CountyRole; phone: string; email?: string; initialPassword: string };

const STATUS: Record<string, { key: MessageKey; color: string }> = {
  active: { key: "users.status.active", color: "green" },
  invited: { key: "users.status.invited", color: "blue" },
  removed: { key: "users.status.removed", color: "default" },
};

const ROLE_KEYS: Record<string, MessageKey> = {
  county_admin: "role.county_admin",
  county_reviewer: "role.county_reviewer",
};

/** How long a county user added is flagged 「新增复核员」 on this page. */
const NEW_REVIEWER_DAYS = 30;
/** The calendar day of an instant in China time. */
const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** A password people can read out over the phone: no 0/O or 1/l/I. */
export function generatePassword(length = 10): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * A taken phone or e-mail: the API names the field; the words next to it follow the chosen language
 * (the API's own message is Chinese).
 */
function applyDuplicate(form: FormInstance<Values>, err: unknown, t: (k: MessageKey) => string): boolean {
  const data = (err as { data?: { appCode?: string } }).data;
  if (data?.appCode !== "DUPLICATE") return false;
  const fields = Object.keys(fieldErrorsOf(err));
  if (fields.includes("phone")) {
    form.setFields([{ name: "phone", errors: [t("users.duplicatePhone")] }]);
    return true;
  }
  if (fields.includes("email")) {
    form.setFields([{ name: "email", errors: [t("users.duplicateEmail")] }]);
    return true;
  }
  return false;
}

/** 县级用户: the county admin sees the county's people and adds admins and reviewers. */
export default function UsersPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Added | null>(null);
  const [form] = Form.useForm<Values>();
  const users = useQuery(trpc.counties.listUsers.queryOptions());
  const add = useMutation(
    trpc.counties.addUser.mutationOptions({
      onSuccess: (_r, v) => {
        setAdding(false);
        setAdded({
          name: v.name,
          role: v.role,
          phone: v.phone,
          email: v.email,
          initialPassword: v.initialPassword,
        });
        void qc.invalidateQueries(trpc.counties.listUsers.pathFilter());
      },
      onError: (e) => {
        if (!applyDuplicate(form, e, t)) applyFieldErrors(form, e);
      },
    }),
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("users.title")}
        </Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t("users.add")}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t("users.hint")}</Typography.Text>
      <Table<CountyUser>
        rowKey="userId"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("users.empty") }}
        columns={[
          { title: t("users.name"), dataIndex: "name" },
          { title: t("users.phoneColumn"), dataIndex: "phone" },
          {
            title: t("users.role"),
            dataIndex: "role",
            render: (r: string) => {
              const key = ROLE_KEYS[r];
              return key ? t(key) : r;
            },
          },
          {
            title: t("users.status"),
            dataIndex: "status",
            render: (s: string) => {
              const status = STATUS[s];
              return <Tag color={status?.color ?? "default"}>{status ? t(status.key) : s}</Tag>;
            },
          },
          {
            // Every county user may confirm another's entries (双人复核), but only entries made after it
            // joined; a recent addition is flagged so that the county notices a reviewer it did not expect.
            title: t("users.since"),
            dataIndex: "since",
            render: (since: string) => (
              <Space size={4}>
                <span>{chinaDate(since)}</span>
                {Date.now() - Date.parse(since) < NEW_REVIEWER_DAYS * 86_400_000 && (
                  <Tag color="orange">{t("users.newReviewer")}</Tag>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<Values>
        title={t("users.add")}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        submitting={add.isPending}
        initialValues={{ role: "county_reviewer", initialPassword: generatePassword() }}
        onFinish={(v) => add.mutate({ ...v, email: v.email?.trim() || undefined })}
      >
        <Form.Item
          name="name"
          label={t("users.name")}
          rules={[{ required: true, message: t("users.nameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("users.phone")}
          data-testid="field-phone"
          rules={[
            { required: true, message: t("users.phoneRequired") },
            { pattern: /^1\d{10}$/, message: t("users.phoneInvalid") },
          ]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t("users.email")}
          data-testid="field-email"
          rules={[{ type: "email", message: t("users.emailInvalid") }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: "county_reviewer", label: t("role.county_reviewer") },
              { value: "county_admin", label: t("role.county_admin") },
            ]}
          />
        </Form.Item>
        <Form.Item label={t("users.initialPassword")} extra={t("users.passwordHint")} required>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item
              name="initialPassword"
              noStyle
              rules={[
                { required: true, message: t("users.passwordRequired") },
                { min: 8, message: t("users.passwordShort") },
              ]}
            >
              <Input autoComplete="new-password" style={{ fontFamily: "monospace" }} />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ initialPassword: generatePassword() })}>
              {t("users.generate")}
            </Button>
          </Space.Compact>
        </Form.Item>
      </FormDrawer>
      <Modal
        open={added !== null}
        title={added ? t("users.addedTitle", { name: added.name }) : ""}
        onCancel={() => setAdded(null)}
        footer={
          <Button type="primary" onClick={() => setAdded(null)}>
            {t("users.done")}
          </Button>
        }
      >
        {added && (
          <div data-testid="added-user">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t("users.role")}>
                {t(ROLE_KEYS[added.role] ?? "role.county_reviewer")}
              </Descriptions.Item>
              <Descriptions.Item label={t("users.addedAccount")}>
                <Typography.Text copyable>{added.phone}</Typography.Text>
                {added.email && <div>{added.email}</div>}
              </Descriptions.Item>
              <Descriptions.Item label={t("users.initialPassword")}>
                <Typography.Text copyable code>
                  {added.initialPassword}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
              {t("users.addedInstructions")}
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </Space>
  );
}
