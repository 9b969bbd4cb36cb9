import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, InputNumber, Skeleton, Space, Typography } from "antd";
import { useEffect, useMemo } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { periodLabel } from "../../shared/period-label";
import { CountyArchiveCard } from "./county-archive";
import { dueDate, monthDue } from "./deadline-day";
import { KeyPersonCategoriesCard } from "./key-person-categories-card";

type Values = { day: number };

/** 县级设置: the day of the month by which townships submit the previous month. */
export default function SettingsPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const month = useMemo(() => monthDue(), []);
  const county = useQuery(trpc.counties.mine.queryOptions());
  const current = county.data?.submissionDeadlineDay;
  useEffect(() => {
    if (current !== undefined) form.setFieldsValue({ day: current });
  }, [current, form]);
  const typed = Form.useWatch("day", form);
  const shownDay = Number.isInteger(typed) && typed >= 1 && typed <= 28 ? typed : (current ?? 5);

  const save = useMutation(
    trpc.submissions.setDeadlineDay.mutationOptions({
      onSuccess: (r) => {
        message.success(t("settings.saved", { day: r.day ?? shownDay }));
        void qc.invalidateQueries(trpc.counties.mine.pathFilter());
        void qc.invalidateQueries(trpc.supervision.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );

  if (!county.data) return <Skeleton active />;
  const due = dueDate(month, shownDay);
  const deadline =
    locale === "en"
      ? `${due.year}-${String(due.month).padStart(2, "0")}-${String(due.day).padStart(2, "0")} 24:00 CST`
      : `${due.year}年${due.month}月${due.day}日 24 时`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("settings.title")}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t("settings.county", { name: county.data.name, code: county.data.code })}
      </Typography.Text>
      <Card title={t("settings.deadlineTitle")}>
        <Typography.Paragraph data-testid="deadline-explain">
          {t("settings.deadlineExplain", { day: shownDay })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" data-testid="deadline-example">
          {t("settings.deadlineExample", { month: periodLabel(month, locale), deadline })}
          <br />
          {t("settings.deadlineChange")}
        </Typography.Paragraph>
        {current !== undefined && (
          <Typography.Paragraph data-testid="deadline-current">
            {t("settings.deadlineCurrent", { day: current })}
          </Typography.Paragraph>
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ day: 5 }}
          onFinish={(v) => save.mutate({ day: v.day, expectedVersion: county.data.version })}
        >
          <Form.Item
            name="day"
            label={t("settings.deadlineDay")}
            data-testid="deadline-day"
            rules={[
              { required: true, message: t("settings.deadlineRange") },
              { type: "integer", min: 1, max: 28, message: t("settings.deadlineRange") },
            ]}
          >
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Form>
      </Card>
      <KeyPersonCategoriesCard />
      <CountyArchiveCard />
    </Space>
  );
}
