import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, InputNumber, Radio, Skeleton, Space, Typography } from "antd";
import { useEffect, useMemo } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";
import { periodLabel } from "../../shared/period-label";
import { CountyArchiveCard } from "./county-archive";
import { dueDate, monthDue } from "./deadline-day";
import { KeyPersonCategoriesCard } from "./key-person-categories-card";
import { AppealWindowCard, MeetingDayCard } from "./settings-cards";

type Mode = "day" | "working-day";
type Values = { day: number; mode: Mode };

/** The largest N of 「每月第 N 个工作日」 (the API's MAX_WORKING_DAY_DEADLINE). */
const MAX_WORKING_DAY = 15;

/**
 * 县级设置: the submission deadline (day N of the month, or its N-th working day), the 例会 day, the appeal
 * window, and a warning for a year the working-day calendar does not cover yet (counted Monday–Friday).
 */
export default function SettingsPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const month = useMemo(() => monthDue(), []);
  const county = useQuery(trpc.counties.mine.queryOptions());
  const current = county.data?.submissionDeadlineDay;
  const currentMode: Mode = county.data?.submissionDeadlineMode ?? "day";
  useEffect(() => {
    if (current !== undefined) form.setFieldsValue({ day: current, mode: currentMode });
  }, [current, currentMode, form]);
  const typed = Form.useWatch("day", form);
  const mode: Mode = Form.useWatch("mode", form) ?? currentMode;
  const max = mode === "working-day" ? MAX_WORKING_DAY : 28;
  const shownDay = Number.isInteger(typed) && typed >= 1 && typed <= max ? typed : (current ?? 5);

  const save = useMutation(
    trpc.submissions.setDeadlineDay.mutationOptions({
      onSuccess: (r) => {
        message.success(
          t(r.mode === "working-day" ? "settings.savedWorkingDay" : "settings.saved", {
            day: r.day ?? shownDay,
          }),
        );
        void qc.invalidateQueries(trpc.counties.mine.pathFilter());
        void qc.invalidateQueries(trpc.supervision.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );

  if (!county.data) return <Skeleton active />;
  const fallbackYears = (county.data.calendar ?? []).filter((c) => !c.covered);
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
      {fallbackYears.map((c) => (
        <Alert
          key={c.year}
          type="warning"
          showIcon
          data-testid={`calendar-fallback-${c.year}`}
          title={t("settings.calendarFallback", { year: c.year, first: c.firstYear, last: c.lastYear })}
        />
      ))}
      <Card title={t("settings.deadlineTitle")} data-testid="deadline-card">
        <Typography.Paragraph data-testid="deadline-explain">
          {mode === "working-day"
            ? t("settings.workingDayExplain", { day: shownDay })
            : t("settings.deadlineExplain", { day: shownDay })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" data-testid="deadline-example">
          {mode === "day" && (
            <>
              {t("settings.deadlineExample", { month: periodLabel(month, locale), deadline })}
              <br />
            </>
          )}
          {t("settings.deadlineChange")}
        </Typography.Paragraph>
        {current !== undefined && (
          <Typography.Paragraph data-testid="deadline-current">
            {currentMode === "working-day"
              ? t("settings.workingDayCurrent", { day: current })
              : t("settings.deadlineCurrent", { day: current })}
          </Typography.Paragraph>
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ day: 5, mode: "day" }}
          onFinish={(v) => save.mutate({ day: v.day, mode: v.mode, expectedVersion: county.data.version })}
        >
          <Form.Item name="mode" label={t("settings.modeLabel")} data-testid="deadline-mode">
            <Radio.Group
              optionType="button"
              options={[
                { value: "day", label: t("settings.modeDay") },
                { value: "working-day", label: t("settings.modeWorkingDay") },
              ]}
              onChange={() => void form.validateFields(["day"]).catch(() => undefined)}
            />
          </Form.Item>
          <Form.Item
            name="day"
            label={t("settings.deadlineDay")}
            data-testid="deadline-day"
            rules={[
              {
                required: true,
                message: t(mode === "working-day" ? "settings.workingDayRange" : "settings.deadlineRange"),
              },
              {
                type: "integer",
                min: 1,
                max,
                message: t(mode === "working-day" ? "settings.workingDayRange" : "settings.deadlineRange"),
              },
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
      <MeetingDayCard county={county.data} />
      <AppealWindowCard county={county.data} />
      <CountyArchiveCard />
    </Space>
  );
}
