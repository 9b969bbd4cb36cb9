import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { type Rendered, waitFor } from "../../test-support/render";
import SchemePage from "./scheme-page";

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

const buttons = (v: Rendered | undefined) =>
  [...(v?.container.querySelectorAll("button") ?? [])].map((b) => b.textContent?.trim() ?? "");

// Whole pages render slowly in happy-dom when the machine is busy.
describe("SchemePage", { timeout: 20_000 }, () => {
  it("keeps the editor and its local JSON buttons beside the saved scheme's import and export", async () => {
    fakeApi({ "schemes.list": () => [] });
    view = await renderPage(<SchemePage />, { role: "county_admin" });
    expect(view.container.querySelector('[data-testid="scheme-status"]')?.textContent).toBe("细则校验通过");
    await waitFor(() => view?.container.querySelector('[data-testid="scheme-io-version"]'));
    expect(view.container.querySelector('[data-testid="scheme-io-version"]')?.textContent).toBe("尚未保存");
    // The browser test finds the draft's export by this name: it must stay the only match.
    expect(buttons(view).filter((b) => /导出 JSON/.test(b))).toEqual(["导出 JSON"]);
    expect(buttons(view)).toEqual(expect.arrayContaining(["下载已保存版本", "上传细则文件保存为新版本"]));
    // The journey test finds the editor's save button by its name, which nothing else may contain.
    const save = [...view.container.querySelectorAll("button")].filter((b) =>
      `${b.getAttribute("aria-label") ?? ""} ${b.textContent}`.includes("保存细则"),
    );
    expect(save.map((b) => b.getAttribute("aria-label"))).toEqual(["保存细则"]);
  });

  it("shows a reviewer the export only", async () => {
    fakeApi({ "schemes.list": () => [] });
    view = await renderPage(<SchemePage />, { role: "county_reviewer" });
    await waitFor(() => view?.container.querySelector('[data-testid="scheme-io"]'));
    expect(buttons(view)).toContain("下载已保存版本");
    expect(buttons(view)).not.toContain("上传细则文件保存为新版本");
  });

  it("names the saved version in the page header in either language", async () => {
    const saved = [{ year: 2026, version: 2, name: "细则", note: null, createdAt: "", createdBy: "u1" }];
    fakeApi({ "schemes.list": () => saved });
    view = await renderPage(<SchemePage />, { role: "county_admin" });
    await waitFor(() => view?.container.textContent?.includes("本县2026年度已保存第2版"));
    expect(buttons(view)).toContain("载入已保存第2版");
    cleanUp(view);

    fakeApi({ "schemes.list": () => saved });
    view = await renderPage(<SchemePage />, { role: "county_admin", locale: "en" });
    await waitFor(() => view?.container.textContent?.includes("2026: version 2 saved"));
    expect(buttons(view)).toContain("Load saved version 2");
  });
});
