import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, HAN, type Rendered, typeInto, waitFor } from "../../test-support/render";
import SettingsPage from "../county/settings-page";
import CountiesPage from "./counties-page";

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

const DAY = 86_400_000;
const county = (id: string, name: string, offboard?: { at: number; until: number }) => ({
  id,
  name,
  code: "330100",
  version: 4,
  offboardedAt: offboard ? new Date(offboard.at).toISOString() : null,
  purgeAfter: offboard ? new Date(offboard.until).toISOString() : null,
});

const buttons = (root: ParentNode, name: string) =>
  [...root.querySelectorAll("button")].filter((b) => b.textContent?.replace(/\s/g, "") === name);
const modal = () => waitFor(() => document.querySelector(".ant-modal"));
const field = (root: Element, label: string) => {
  const item = [...root.querySelectorAll(".ant-form-item")].find((i) =>
    i.querySelector("label")?.textContent?.includes(label),
  );
  return item?.querySelector("input, textarea");
};

describe("offboarding in the app", { timeout: 30_000 }, () => {
  it("lets the county admin download the whole archive from the settings", async () => {
    // Some bytes the archive stands for, including ones above 0x7f (it is binary, not text).
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80, 0x41]);
    fakeApi({
      "counties.mine": { id: "c1", name: "平安县", code: "330100", version: 3, submissionDeadlineDay: 5 },
      "ops.exportCounty": {
        fileName: "330100-平安县-全部数据-2026-11-26.zip",
        contentBase64: btoa(String.fromCharCode(...zip)),
        bytes: zip.length,
      },
    });
    const blobs: Blob[] = [];
    const createUrl = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      blobs.push(b as Blob);
      return "blob:archive";
    });
    const downloads: string[] = [];
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    view = await renderPage(<SettingsPage />, { role: "county_admin" });
    const button = await waitFor(() => view?.container.querySelector('[data-testid="export-archive"]'));
    expect(view.container.textContent).toContain("导出全部数据");
    await click(button);
    await waitFor(() => (downloads.length > 0 ? true : null));
    clickSpy.mockRestore();
    createUrl.mockRestore();
    expect(downloads).toEqual(["330100-平安县-全部数据-2026-11-26.zip"]);
    expect([...new Uint8Array(await (blobs[0] as Blob).arrayBuffer())]).toEqual([...zip]);
    expect(blobs[0]?.type).toBe("application/zip");
  });

  it("offboards a county only with its name typed and a reason, and shows it read-only", async () => {
    const calls: unknown[] = [];
    let offboarded = false;
    const now = Date.now();
    fakeApi({
      "counties.list": () => [
        offboarded ? county("c1", "平安县", { at: now, until: now + 90 * DAY }) : county("c1", "平安县"),
      ],
      "ops.offboardCounty": (input: unknown) => {
        calls.push(input);
        offboarded = true;
        return {
          countyId: "c1",
          offboardedAt: new Date(now).toISOString(),
          purgeAfter: new Date(now + 90 * DAY).toISOString(),
        };
      },
    });
    view = await renderPage(<CountiesPage />, { role: "platform_admin" });
    await waitFor(() => view?.container.textContent?.includes("使用中"));
    await click(buttons(view.container, "停用")[0]);
    const dialog = await modal();
    expect(dialog.textContent).toContain("只能查看和导出数据");
    const ok = () => buttons(dialog, "确认停用")[0];

    // Neither without a reason nor with a wrong name.
    await typeInto(field(dialog, "请输入县名"), "太平县");
    await click(ok());
    await waitFor(() => dialog.textContent?.includes("请填写理由"));
    await waitFor(() => dialog.textContent?.includes("请输入「平安县」"));
    expect(calls).toEqual([]);

    await typeInto(field(dialog, "停用理由"), "合同到期，不再续用");
    await typeInto(field(dialog, "请输入县名"), "平安县");
    await click(ok());
    await waitFor(() => (calls.length > 0 ? true : null));
    expect(calls).toEqual([{ countyId: "c1", expectedVersion: 4, reason: "合同到期，不再续用" }]);
    await waitFor(() => view?.container.textContent?.includes("已停用（只读），数据保留至"));
    // Deletion waits for the retention.
    const purge = buttons(view.container, "删除数据")[0];
    expect(purge?.disabled).toBe(true);
  });

  it("deletes an offboarded county after the retention, with a reason, and says it all in English", async () => {
    const calls: unknown[] = [];
    const now = Date.now();
    fakeApi({
      "counties.list": [county("c9", "Old County", { at: now - 100 * DAY, until: now - 10 * DAY })],
      "ops.purgeCounty": (input: unknown) => {
        calls.push(input);
        return { countyId: "c9", deletedItems: 120, deletedAccounts: 6 };
      },
    });
    view = await renderPage(<CountiesPage />, { role: "platform_admin", locale: "en" });
    await waitFor(() => view?.container.textContent?.includes("Offboarded (read-only)"));
    const purge = buttons(view.container, "Deletedata")[0];
    expect(purge?.disabled).toBe(false);
    await click(purge);
    const dialog = await modal();
    expect(dialog.textContent).toContain("cannot be undone");
    expect(dialog.textContent).not.toMatch(HAN);
    await typeInto(field(dialog, "Reason for deleting"), "Retention over");
    await typeInto(field(dialog, "Type the county"), "Old County");
    await click(buttons(dialog, "Deletepermanently")[0]);
    await waitFor(() => (calls.length > 0 ? true : null));
    expect(calls).toEqual([{ countyId: "c9", reason: "Retention over" }]);
  });
});
