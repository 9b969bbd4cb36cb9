import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Locale } from "../../i18n/dictionary";
import { cleanUp, fakeApi, renderPage, signIn } from "../../test-support/fake-api";
import { click, HAN, type Rendered, waitFor } from "../../test-support/render";
import AuditPage from "./audit-page";

const entry = {
  id: "e1",
  at: "2026-11-02T02:00:00.000Z",
  actorId: "user-0001-abcdef",
  actorName: "李主任",
  actorRole: "county_admin",
  action: "township.approve",
  entityType: "township",
  entityId: "town-0001-abcdef",
  entityName: "城关镇",
  reason: null,
  before: { status: "pending", version: 1 },
  after: { status: "active", version: 2 },
};
const unknown = {
  ...entry,
  id: "e2",
  actorName: null,
  entityName: null,
  actorRole: "system",
  action: "something.new",
  entityType: "gadget",
  reason: "cleanup",
  before: null,
  after: null,
};

let view: Rendered | undefined;
beforeEach(() => signIn({ id: "u1", name: "Admin", role: "county_admin", countyId: "c1" }));
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

async function renderTrail(locale?: Locale) {
  fakeApi({ "audit.county": { items: [entry, unknown], cursor: "next" } });
  view = await renderPage(<AuditPage />, { locale });
  const page = view.container;
  await waitFor(() => (page.querySelectorAll("tr.ant-table-row").length >= 2 ? true : null));
  // Open the first entry's changes.
  await click(page.querySelector(".ant-table-row-expand-icon"));
  await waitFor(() => page.querySelector(".ant-table-expanded-row th"));
  return page;
}

const headers = (root: Element) => [...root.querySelectorAll("th")].map((h) => h.textContent);

describe("audit trail in both languages", { timeout: 20_000 }, () => {
  it("keeps the Chinese words", async () => {
    const page = await renderTrail();
    const text = page.textContent ?? "";
    for (const zh of ["操作日志", "县级管理员（李主任）", "审核通过乡镇", "乡镇 城关镇", "系统（user-000）"])
      expect(text).toContain(zh);
    expect(headers(page)).toEqual(expect.arrayContaining(["时间", "操作人", "操作", "对象", "理由"]));
    expect(headers(page)).toEqual(expect.arrayContaining(["字段", "修改前", "修改后"]));
    const more = [...page.querySelectorAll("button")].map((b) => b.textContent?.replace(/\s/g, ""));
    expect(more).toContain("加载更多");
  });

  it("shows who did what, and the changes, in English", async () => {
    const page = await renderTrail("en");
    const text = page.textContent ?? "";
    for (const en of [
      "Audit trail",
      "Approved a township",
      "System (user-000)",
      "something.new",
      "gadget town-000",
      "Load more",
    ])
      expect(text).toContain(en);
    expect(headers(page)).toEqual(expect.arrayContaining(["Time", "By", "Action", "Object", "Reason"]));
    expect(headers(page)).toEqual(expect.arrayContaining(["Field", "Before", "After"]));
    // Names are data: they stay as the county wrote them, the words around them are English.
    expect(text.replaceAll("李主任", "").replaceAll("城关镇", "")).not.toMatch(HAN);
    expect(text).toContain("County admin (李主任)");
    expect(text).toContain("Township 城关镇");
  });

  it("shows names, not ids, wherever the API names the person and the township", async () => {
    const page = await renderTrail();
    const first = page.querySelector("tr.ant-table-row");
    expect(first?.textContent).toContain("李主任");
    expect(first?.textContent).not.toContain("user-000");
    expect(first?.textContent).not.toContain("town-000");
  });
});
