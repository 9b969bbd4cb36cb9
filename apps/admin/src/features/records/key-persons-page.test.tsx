import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, typeInto, waitFor } from "../../test-support/render";
import KeyPersonsPage from "./key-persons-page";

let view: Rendered | undefined;
let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  cleanUp(view);
  consoleError.mockRestore();
});

const person = {
  townshipId: "t1",
  id: "k1",
  version: 1,
  alias: "刘某",
  category: "community_correction",
  // Registered on 24 May 2025 (midnight in China time): a day, not a moment.
  registeredAt: "2025-05-23T16:00:00.000Z",
  deregisteredAt: null,
  note: null,
};
// Ten visits: on a phone, the form below them would be out of sight.
const visits = Array.from({ length: 10 }, (_, i) => ({
  townshipId: "t1",
  id: `v${i + 1}`,
  keyPersonId: "k1",
  at: `2026-${String(10 - i).padStart(2, "0")}-12T02:30:00.000Z`,
  note: null,
}));

describe("key persons", { timeout: 20_000 }, () => {
  beforeEach(() => {
    fakeApi({
      "keyPersons.list": { items: [person], cursor: null },
      "keyPersons.listVisits": (input: { keyPersonId?: string }) => ({
        items: input.keyPersonId ? visits : [],
        cursor: null,
      }),
    });
  });

  it("shows the registration as a date, and the visit form above a long history", async () => {
    view = await renderPage(<KeyPersonsPage />, { role: "township_staff", townshipId: "t1" });
    const row = await waitFor(() =>
      [...(view?.container.querySelectorAll(".item-list-row") ?? [])].find((r) =>
        r.textContent?.includes("刘某"),
      ),
    );
    expect(row.textContent).toContain("列管 2025-05-24");
    expect(row.textContent).not.toMatch(/2025-05-24 \d\d:\d\d/);

    await click(row.querySelector('[role="button"]'));
    const drawer = await waitFor(() => document.querySelector(".ant-drawer-open .ant-drawer-body"));
    await waitFor(() => drawer.querySelectorAll(".ant-timeline-item").length === 10 || undefined);
    const save = [...drawer.querySelectorAll("button")].find((b) => b.textContent?.includes("记录走访"));
    const firstVisit = drawer.querySelector(".ant-timeline-item");
    expect(save).toBeDefined();
    // The save button comes before the first entry of the history in the drawer.
    expect(
      (save as HTMLElement).compareDocumentPosition(firstVisit as Element) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it("files a person under a grid: 所属网格 in the add form, a grid filter over the list", async () => {
    const calls = fakeApi({
      "keyPersons.list": { items: [person], cursor: null },
      "keyPersons.listVisits": { items: [], cursor: null },
      "organisation.get": {
        villages: [{ id: "v1", name: "东风村" }],
        grids: [{ id: "g1", name: "一网格", villageId: "v1", archived: false }],
        staff: [],
      },
    });
    view = await renderPage(<KeyPersonsPage />, { role: "township_staff", townshipId: "t1" });
    await waitFor(() => view?.container.querySelector(".item-list-row"));
    // The list's grid filter, with the township's grids asked for.
    expect(view.container.querySelector('[aria-label="所属网格"]')).not.toBeNull();
    await waitFor(() => calls.find((c) => c.path === "organisation.get"));
    expect(calls.find((c) => c.path === "organisation.get")?.input).toMatchObject({ townshipId: "t1" });

    await click(
      [...view.container.querySelectorAll("button")].find((b) => b.textContent?.includes("列管登记")),
    );
    const form = await waitFor(() => document.querySelector(".ant-drawer-open form"));
    const labels = [...form.querySelectorAll("label")].map((l) => l.textContent);
    expect(labels).toContain("所属网格（可选）");
  });

  it("renders its list without antd's deprecated List (no deprecation warning)", async () => {
    view = await renderPage(<KeyPersonsPage />, { role: "township_staff", townshipId: "t1" });
    await waitFor(() => view?.container.querySelector(".item-list-row"));
    expect(view.container.querySelector(".ant-list")).toBeNull();
    const warnings = consoleError.mock.calls.map((c: unknown[]) => c.map(String).join(" "));
    expect(warnings.filter((w) => w.includes("`List` component is deprecated"))).toEqual([]);
  });

  it("shows the person's 1+n help team, who visited and how, and saves the team at the version seen", async () => {
    const team = [
      { id: "m1", name: "王所长", role: "judicial_office" },
      { id: "m2", name: "刘网格", role: "grid_worker", phone: "13900000000" },
    ];
    const withTeam = { ...person, version: 3, helpTeam: team };
    const calls = fakeApi({
      "keyPersons.list": { items: [withTeam], cursor: null },
      "keyPersons.categories": [
        { code: "community_correction", name: "社区矫正对象", per: "month", times: 4 },
        { code: "key_youth", name: "重点青少年", per: "quarter", times: 1 },
      ],
      "keyPersons.listVisits": (input: { keyPersonId?: string }) => ({
        items: input.keyPersonId
          ? [{ ...visits[0], method: "phone", memberId: "m2", memberName: "刘网格" }]
          : [{ ...visits[0], at: new Date().toISOString() }],
        cursor: null,
      }),
      "keyPersons.setTeam": (input: { members: unknown[] }) => ({
        ...withTeam,
        version: 4,
        helpTeam: input.members.map((m, i) => ({ id: `n${i}`, ...(m as object) })),
      }),
    });
    view = await renderPage(<KeyPersonsPage />, { role: "township_staff", townshipId: "t1" });
    const row = await waitFor(() =>
      [...(view?.container.querySelectorAll(".item-list-row") ?? [])].find((r) =>
        r.textContent?.includes("社区矫正对象"),
      ),
    );
    // The category's frequency, and this month's visits against it.
    expect(row.textContent).toContain("每月 4 次");
    expect(row.textContent).toContain("本月走访 1/4");

    await click(row.querySelector('[role="button"]'));
    const drawer = await waitFor(() => document.querySelector(".ant-drawer-open .ant-drawer-body"));
    const teamBox = await waitFor(() => drawer.querySelector('[data-testid="help-team"]'));
    expect(teamBox.textContent).toContain("王所长");
    expect(teamBox.textContent).toContain("司法所");
    expect(teamBox.textContent).toContain("网格员");
    // The visit form asks which member visited and how; the history says both.
    expect(drawer.textContent).toContain("走访人");
    expect(drawer.textContent).toContain("走访方式");
    const entry = await waitFor(() => drawer.querySelector(".ant-timeline-item"));
    expect(entry.textContent).toContain("电话");
    expect(entry.textContent).toContain("刘网格");

    await click([...teamBox.querySelectorAll("button")].find((b) => b.textContent?.includes("编辑帮扶小组")));
    await click([...teamBox.querySelectorAll("button")].find((b) => b.textContent?.includes("添加成员")));
    const names = teamBox.querySelectorAll('input[placeholder="成员姓名"]');
    expect(names.length).toBe(3);
    await typeInto(names[2], "周母");
    await click([...teamBox.querySelectorAll("button")].find((b) => b.textContent?.includes("保存帮扶小组")));
    const saved = await waitFor(() => calls.find((c) => c.path === "keyPersons.setTeam"));
    expect(saved.input).toMatchObject({
      townshipId: "t1",
      id: "k1",
      expectedVersion: 3,
      members: [
        { id: "m1", name: "王所长", role: "judicial_office" },
        { id: "m2", name: "刘网格", role: "grid_worker", phone: "13900000000" },
        { name: "周母", role: "grid_worker" },
      ],
    });
    await waitFor(() => (teamBox.textContent?.includes("周母") ? true : undefined));
  });
});
