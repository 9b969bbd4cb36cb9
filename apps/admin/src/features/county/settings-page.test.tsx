import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, FakeApiError, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, settle, typeInto, waitFor } from "../../test-support/render";
import { dueDate, monthDue } from "./deadline-day";
import SettingsPage from "./settings-page";

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

function api(day = 10, setDeadlineDay?: (input: { day: number; expectedVersion: number }) => unknown) {
  return fakeApi({
    "counties.mine": () => ({
      id: "c1",
      name: "平安县",
      code: "330100",
      version: 3,
      submissionDeadlineDay: day,
    }),
    "submissions.setDeadlineDay": (input: { day: number; expectedVersion: number }) =>
      setDeadlineDay ? setDeadlineDay(input) : { day: input.day, version: 4 },
  });
}

const dayInput = (v: Rendered | undefined) =>
  v?.container.querySelector<HTMLInputElement>('[data-testid="deadline-day"] input');
const saveButton = (v: Rendered | undefined) =>
  [...(v?.container.querySelectorAll("button") ?? [])].find((b) => b.type === "submit");

describe("deadline day arithmetic", () => {
  it("names the day a month is due on", () => {
    expect(dueDate("2026-12", 5)).toEqual({ year: 2027, month: 1, day: 5 });
    // 1 November 2026 00:30 in China is still 31 October in UTC.
    expect(monthDue(new Date("2026-10-31T16:30:00Z"))).toBe("2026-10");
  });
});

// Whole pages render slowly in happy-dom when the machine is busy.
describe("SettingsPage", { timeout: 20_000 }, () => {
  it("shows the county's current deadline day and explains it in Chinese", async () => {
    api(10);
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const current = await waitFor(() => view?.container.querySelector('[data-testid="deadline-current"]'));
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
    const input = await waitFor(() => (dayInput(view)?.value === "5" ? dayInput(view) : null));
    await typeInto(input, "31");
    await click(saveButton(view));
    const error = await waitFor(() =>
      view?.container.querySelector('[data-testid="deadline-day"] .ant-form-item-explain-error'),
    );
    expect(error.textContent).toBe("截止日应为 1 到 28 之间的整数");
    expect(saved).toEqual([]);

    await typeInto(input, "8");
    await settle(50);
    expect(view.container.querySelector('[data-testid="deadline-explain"]')?.textContent).toContain(
      "每月 8 日",
    );
    await click(saveButton(view));
    await waitFor(() => saved.length > 0);
    expect(saved).toEqual([{ day: 8, expectedVersion: 3 }]);
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
    await waitFor(() => (dayInput(view)?.value === "5" ? dayInput(view) : null));
    await click(saveButton(view));
    const error = await waitFor(() =>
      view?.container.querySelector('[data-testid="deadline-day"] .ant-form-item-explain-error'),
    );
    expect(error.textContent).toBe("「截止日」不能大于 28");
  });

  it("speaks English after the switch", async () => {
    api(10);
    view = await renderPage(<SettingsPage />, { role: "county_admin", locale: "en" });
    await waitFor(() => view?.container.querySelector('[data-testid="deadline-current"]'));
    const text = view.container.textContent ?? "";
    expect(text).toContain("Monthly submission deadline");
    expect(text).toContain("Current deadline: day 10");
    expect(text).toContain("supervision board");
    expect(text).not.toMatch(/截止日|督办看板|乡镇/);
  });
});
