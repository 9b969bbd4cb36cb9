import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, InputNumber, Space, Typography } from "antd";
import { useEffect } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";

/** The county as `counties.mine` answers it: only what these cards need. */
type CountySettings = { version: number; meetingDay: number | null; appealWindowDays: number };

/** 综治例会日: the day of the month townships hold the meeting; set, townships are reminded before it. */
export function MeetingDayCard({ county }: { county: CountySettings }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ day: number | null }>();
  useEffect(() => form.setFieldsValue({ day: county.meetingDay }), [county.meetingDay, form]);

  const save = useMutation(
    trpc.counties.setMeetingDay.mutationOptions({
      onSuccess: () => {
        message.success(t("settings.meetingSaved"));
        void qc.invalidateQueries(trpc.counties.mine.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );

  return (
    <Card title={t("settings.meetingTitle")} data-testid="meeting-card">
      <Typography.Paragraph type="secondary">{t("settings.meetingExplain")}</Typography.Paragraph>
      <Typography.Paragraph data-testid="meeting-current">
        {county.meetingDay === null
          ? t("settings.meetingNone")
          : t("settings.meetingCurrent", { day: county.meetingDay })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ day: county.meetingDay }}
        onFinish={(v) => save.mutate({ day: v.day ?? null, expectedVersion: county.version })}
      >
        <Form.Item
          name="day"
          label={t("settings.meetingDay")}
          data-testid="meeting-day"
          rules={[{ type: "integer", min: 1, max: 28, message: t("settings.meetingRange") }]}
        >
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="meeting-save">
            {t("common.save")}
          </Button>
          {county.meetingDay !== null && (
            <Button
              data-testid="meeting-clear"
              onClick={() => save.mutate({ day: null, expectedVersion: county.version })}
            >
              {t("settings.meetingClear")}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}

/** 申诉期: how many working days after publication townships may appeal (appeals.setWindow). */
export function AppealWindowCard({ county }: { county: CountySettings }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ days: number }>();
  useEffect(() => form.setFieldsValue({ days: county.appealWindowDays }), [county.appealWindowDays, form]);
  const typed = Form.useWatch("days", form);
  const shown = Number.isInteger(typed) && typed >= 1 && typed <= 30 ? typed : county.appealWindowDays;

  const save = useMutation(
    trpc.appeals.setWindow.mutationOptions({
      onSuccess: (r) => {
        message.success(t("settings.appealSaved", { days: r.workingDays }));
        void qc.invalidateQueries(trpc.counties.mine.pathFilter());
        void qc.invalidateQueries(trpc.appeals.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );

  return (
    <Card title={t("settings.appealTitle")} data-testid="appeal-card">
      <Typography.Paragraph data-testid="appeal-explain">
        {t("settings.appealExplain", { days: shown })}
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="appeal-current">
        {t("settings.appealCurrent", { days: county.appealWindowDays })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ days: county.appealWindowDays }}
        onFinish={(v) => save.mutate({ days: v.days, expectedVersion: county.version })}
      >
        <Form.Item
          name="days"
          label={t("settings.appealDays")}
          data-testid="appeal-days"
          rules={[
            { required: true, message: t("settings.appealRange") },
            { type: "integer", min: 1, max: 30, message: t("settings.appealRange") },
          ]}
        >
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="appeal-save">
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
