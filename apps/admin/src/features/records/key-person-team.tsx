import { HELP_TEAM_ROLES, type HelpTeamRole } from "@pingan/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Form, Input, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../../api/router-types";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";

type KeyPerson = RouterOutputs["keyPersons"]["list"]["items"][number];
type Member = { id?: string; name: string; role: HelpTeamRole; phone?: string };

/** The 1+n help team (帮扶小组) of a key person: shown, and edited at the version the page saw. */
export function KeyPersonTeam({
  person,
  townshipId,
  onSaved,
}: {
  person: KeyPerson;
  townshipId: string;
  onSaved: (person: KeyPerson) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ members: Member[] }>();
  const team = person.helpTeam ?? [];
  const roleOptions = HELP_TEAM_ROLES.map((r) => ({ value: r, label: t(`keyPersons.role.${r}`) }));
  const save = useMutation(
    trpc.keyPersons.setTeam.mutationOptions({
      onSuccess: (updated) => {
        setEditing(false);
        onSaved(updated);
        void qc.invalidateQueries(trpc.keyPersons.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );

  return (
    <div data-testid="help-team">
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Text strong>{t("keyPersons.team")}</Typography.Text>
        {!editing && !person.deregisteredAt && (
          <Button size="small" onClick={() => setEditing(true)}>
            {t("keyPersons.editTeam")}
          </Button>
        )}
      </Space>
      {!editing &&
        (team.length === 0 ? (
          <div>
            <Typography.Text type="secondary">{t("keyPersons.noTeam")}</Typography.Text>
          </div>
        ) : (
          <ul style={{ paddingInlineStart: 18, margin: "4px 0" }}>
            {team.map((m) => (
              <li key={m.id}>
                {m.name} <Tag>{t(`keyPersons.role.${m.role as HelpTeamRole}`)}</Tag>
                {m.phone && <Typography.Text type="secondary">{m.phone}</Typography.Text>}
              </li>
            ))}
          </ul>
        ))}
      {editing && (
        <Form<{ members: Member[] }>
          form={form}
          layout="vertical"
          initialValues={{ members: team.map((m) => ({ ...m, role: m.role as HelpTeamRole })) }}
          onFinish={(v) =>
            save.mutate({
              townshipId,
              id: person.id,
              expectedVersion: person.version,
              members: v.members ?? [],
            })
          }
        >
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    {/* Kept so a member keeps their id (past visits name them by it). */}
                    <Form.Item name={[f.name, "id"]} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, "name"]}
                      rules={[{ required: true, message: t("keyPersons.memberNameRequired") }]}
                    >
                      <Input placeholder={t("keyPersons.memberName")} maxLength={20} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, "role"]}
                      rules={[{ required: true, message: t("keyPersons.memberRoleRequired") }]}
                    >
                      <Select
                        placeholder={t("keyPersons.memberRole")}
                        options={roleOptions}
                        style={{ width: 120 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, "phone"]}>
                      <Input
                        placeholder={t("keyPersons.memberPhone")}
                        maxLength={20}
                        style={{ width: 130 }}
                      />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      {t("keyPersons.removeMember")}
                    </Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add({ role: "grid_worker" })}>{t("keyPersons.addMember")}</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t("keyPersons.saveTeam")}
            </Button>
            <Button onClick={() => setEditing(false)}>{t("keyPersons.cancel")}</Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
