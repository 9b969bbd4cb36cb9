import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, FakeApiError, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, settle, typeInto, waitFor } from "../../test-support/render";
import { dueDate, monthDue } from "./deadline-day";
import SettingsPage from "./settings-page";

let view: Rendered | undefined;
/** How long to wait for the page: whole pages render slowly in happy-dom when the machine is busy. */
const SLOW = 15_000;
afterEach(() => cleanUp(view));

type DeadlineInput = { day: number; mode?: "day" | "working-day"; expectedVersion: number };

const calendar = (covered2027: boolean) => [
  { year: 2026, covered: true, firstYear: 2004, lastYear: covered2027 ? 2027 : 2026 },
  { year: 2027, covered: covered2027, firstYear: 2004, lastYear: covered2027 ? 2027 : 2026 },
];

function api(
  day = 10,
  setDeadlineDay?: (input: DeadlineInput) => unknown,
  more: {
    mode?: "day" | "working-day";
    covered2027?: boolean;
    meetingDay?: number | null;
    setMeetingDay?: (input: { day: number | null; expectedVersion: number }) => unknown;
    setWindow?: (input: { days: number; expectedVersion: number }) => unknown;
  } = {},
) {
  return fakeApi({
    "counties.mine": () => ({
      id: "c1",
      name: "平安县",
      code: "330100",
      version: 3,
      submissionDeadlineDay: day,
      submissionDeadlineMode: more.mode ?? "day",
      meetingDay: more.meetingDay ?? null,
      appealWindowDays: 5,
      calendar: calendar(more.covered2027 ?? true),
    }),
    "submissions.setDeadlineDay": (input: DeadlineInput) =>
      setDeadlineDay ? setDeadlineDay(input) : { day: input.day, mode: input.mode ?? "day", version: 4 },
    "counties.setMeetingDay": (input: { day: number | null; expectedVersion: number }) =>
      more.setMeetingDay ? more.setMeetingDay(input) : { day: input.day, version: 4 },
    "appeals.setWindow": (input: { days: number; expectedVersion: number }) =>
      more.setWindow ? more.setWindow(input) : { workingDays: input.days, version: 4 },
  });
}

const dayInput = (v: Rendered | undefined) =>
  v?.container.querySelector<HTMLInputElement>('[data-testid="deadline-day"] input');
const saveButton = (v: Rendered | undefined) =>
  [...(v?.container.querySelectorAll("button") ?? [])].find((b) => b.type === "submit");
const byTestId = (v: Rendered | undefined, id: string) =>
  v?.container.querySelector<HTMLElement>(`[data-testid="${id}"]`) ?? null;
const radio = (v: Rendered | undefined, label: string) =>
  [...(v?.container.querySelectorAll('[data-testid="deadline-mode"] label') ?? [])]
    .find((l) => l.textContent === label)
    ?.querySelector("input");

describe("deadline day arithmetic", () => {
  it("names the day a month is due on", () => {
    expect(dueDate("2026-12", 5)).toEqual({ year: 2027, month: 1, day: 5 });
    // 1 November 2026 00:30 in China is still 31 October in UTC.
    expect(monthDue(new Date("2026-10-31T16:30:00Z"))).toBe("2026-10");
  });
});

// Whole pages render slowly in happy-dom when the machine is busy.
describe("SettingsPage", { timeout: 90_000 }, () => {
  it("shows the county's current deadline day and explains it in Chinese", async () => {
    api(10);
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const current = await waitFor(
      () => view?.container.querySelector('[data-testid="deadline-current"]'),
      SLOW,
    );
    expect(current.textContent).toBe("当前截止日：每月 10 日");
    expect(dayInput(view)?.value).toBe("10");
    const text = view.container.textContent ?? "";
    expect(text).toContain("平安县（330100）");
    expect(text).toContain("各乡镇须在每月 10 日（北京时间当日 24 时）前提交上个月的月度填报");
    expect(text).toContain("督办看板");
  });

  it("refuses a day outside 1–28 next to the field, and saves a good one with the county's version", async () => {
    const saved: unknown[] = [];
    api(5, (input) => {
      saved.push(input);
      return { day: input.day, version: 4 };
    });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const input = await waitFor(() => (dayInput(view)?.value === "5" ? dayInput(view) : null), SLOW);
    await typeInto(input, "31");
    await click(saveButton(view));
    const error = await waitFor(
      () => view?.container.querySelector('[data-testid="deadline-day"] .ant-form-item-explain-error'),
      SLOW,
    );
    expect(error.textContent).toBe("截止日应为 1 到 28 之间的整数");
    expect(saved).toEqual([]);

    await typeInto(input, "8");
    await settle(50);
    expect(view.container.querySelector('[data-testid="deadline-explain"]')?.textContent).toContain(
      "每月 8 日",
    );
    await click(saveButton(view));
    await waitFor(() => saved.length > 0, SLOW);
    expect(saved).toEqual([{ day: 8, mode: "day", expectedVersion: 3 }]);
  });

  it("lets the county choose the N-th working day, allows only 1–15 then, and saves the mode", async () => {
    const saved: DeadlineInput[] = [];
    api(20, (input) => {
      saved.push(input);
      return { day: input.day, mode: input.mode, version: 4 };
    });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const input = await waitFor(() => (dayInput(view)?.value === "20" ? dayInput(view) : null), SLOW);
    await click(radio(view, "每月第 N 个工作日"));
    await settle(50);
    expect(byTestId(view, "deadline-explain")?.textContent).toContain("每月第 20 个工作日");
    expect(byTestId(view, "deadline-explain")?.textContent).toContain("法定节假日和调休");
    await click(saveButton(view));
    const error = await waitFor(
      () => view?.container.querySelector('[data-testid="deadline-day"] .ant-form-item-explain-error'),
      SLOW,
    );
    expect(error.textContent).toBe("按工作日计时，截止日应为 1 到 15 之间的整数");
    expect(saved).toEqual([]);

    await typeInto(input, "5");
    await settle(50);
    expect(byTestId(view, "deadline-explain")?.textContent).toContain("每月第 5 个工作日");
    await click(saveButton(view));
    await waitFor(() => saved.length > 0, SLOW);
    expect(saved).toEqual([{ day: 5, mode: "working-day", expectedVersion: 3 }]);
  });

  it("shows a working-day deadline as such", async () => {
    api(5, undefined, { mode: "working-day" });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const current = await waitFor(() => byTestId(view, "deadline-current"), SLOW);
    expect(current.textContent).toBe("当前截止日：每月第 5 个工作日");
  });

  it("says when a year is counted Monday–Friday because the official calendar does not cover it", async () => {
    api(5, undefined, { covered2027: false });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const warning = await waitFor(() => byTestId(view, "calendar-fallback-2027"), SLOW);
    expect(warning.textContent).toContain(
      "2027 年的法定节假日和调休安排尚未收录（官方日历覆盖 2004–2026 年）",
    );
    expect(warning.textContent).toContain("按周一至周五计算");
    expect(byTestId(view, "calendar-fallback-2026")).toBeNull();
  });

  it("warns of no year when the calendar covers this year and next", async () => {
    api(5, undefined, { covered2027: true });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    await waitFor(() => byTestId(view, "deadline-current"), SLOW);
    expect(view.container.querySelector('[data-testid^="calendar-fallback"]')).toBeNull();
  });

  it("edits the appeal window in working days, refusing more than 30, with the county's version", async () => {
    const saved: unknown[] = [];
    api(5, undefined, {
      setWindow: (input) => {
        saved.push(input);
        return { workingDays: input.days, version: 4 };
      },
    });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const current = await waitFor(() => byTestId(view, "appeal-current"), SLOW);
    expect(current.textContent).toBe("当前申诉期：发布后 5 个工作日");
    const days = view.container.querySelector<HTMLInputElement>('[data-testid="appeal-days"] input');
    await typeInto(days, "31");
    await click(byTestId(view, "appeal-save"));
    const error = await waitFor(
      () => view?.container.querySelector('[data-testid="appeal-days"] .ant-form-item-explain-error'),
      SLOW,
    );
    expect(error.textContent).toBe("申诉期应为 1 到 30 之间的整数（工作日）");
    expect(saved).toEqual([]);
    await typeInto(days, "7");
    await settle(50);
    expect(byTestId(view, "appeal-explain")?.textContent).toContain("正式发布后第 7 个工作日内");
    await click(byTestId(view, "appeal-save"));
    await waitFor(() => saved.length > 0, SLOW);
    expect(saved).toEqual([{ days: 7, expectedVersion: 3 }]);
  });

  it("sets and clears the 例会 day", async () => {
    const saved: unknown[] = [];
    api(5, undefined, {
      meetingDay: 12,
      setMeetingDay: (input) => {
        saved.push(input);
        return { day: input.day, version: 4 };
      },
    });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const current = await waitFor(() => byTestId(view, "meeting-current"), SLOW);
    expect(current.textContent).toBe("当前例会日：每月 12 日");
    const day = view.container.querySelector<HTMLInputElement>('[data-testid="meeting-day"] input');
    await typeInto(day, "29");
    await click(byTestId(view, "meeting-save"));
    const error = await waitFor(
      () => view?.container.querySelector('[data-testid="meeting-day"] .ant-form-item-explain-error'),
      SLOW,
    );
    expect(error.textContent).toBe("例会日应为 1 到 28 之间的整数");
    await typeInto(day, "15");
    await click(byTestId(view, "meeting-save"));
    await waitFor(() => saved.length > 0, SLOW);
    await click(byTestId(view, "meeting-clear"));
    await waitFor(() => saved.length > 1, SLOW);
    expect(saved).toEqual([
      { day: 15, expectedVersion: 3 },
      { day: null, expectedVersion: 3 },
    ]);
  });

  it("puts the API's field error next to the field", async () => {
    api(5, () => {
      throw new FakeApiError("「截止日」不能大于 28", {
        code: "BAD_REQUEST",
        appCode: "INPUT.INVALID",
        fieldErrors: { day: ["「截止日」不能大于 28"] },
      });
    });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    await waitFor(() => (dayInput(view)?.value === "5" ? dayInput(view) : null), SLOW);
    await click(saveButton(view));
    const error = await waitFor(
      () => view?.container.querySelector('[data-testid="deadline-day"] .ant-form-item-explain-error'),
      SLOW,
    );
    expect(error.textContent).toBe("「截止日」不能大于 28");
  });

  it("speaks English after the switch", async () => {
    api(10);
    view = await renderPage(<SettingsPage />, { role: "county_admin", locale: "en" });
    await waitFor(() => view?.container.querySelector('[data-testid="deadline-current"]'), SLOW);
    const text = view.container.textContent ?? "";
    expect(text).toContain("Monthly submission deadline");
    expect(text).toContain("Current deadline: day 10");
    expect(text).toContain("supervision board");
    expect(text).not.toMatch(/截止日|督办看板|乡镇/);
  });
});
