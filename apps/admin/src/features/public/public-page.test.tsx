import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, waitFor } from "../../test-support/render";
import { SAMPLE_TABLE } from "../league/fixtures/sample-table";
import PublicPage from "./public-page";

let view: Rendered | undefined;
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

const published = {
  countyId: "c 1",
  period: "2026-10",
  version: 2,
  schemeVersion: 1,
  reason: "补录",
  publishedAt: "2026-11-04T02:00:00.000Z",
  digest: "d",
  table: SAMPLE_TABLE,
  scheme: {
    name: "2026年度平安建设考评细则",
    indicators: [
      { code: "I01", name: "综治例会", maxScore: 10 },
      { code: "I02", name: "矛盾纠纷化解率", maxScore: 20, metric: "dispute.resolution_rate" },
    ],
  },
};

function showPublicPage(locale: "zh-CN" | "en") {
  fakeApi({
    "public.periods": {
      county: { id: "c 1", name: "示范县" },
      // As the API lists them (by text): the third quarter before October.
      published: [
        {
          period: "2026-Q3",
          version: 1,
          schemeVersion: 1,
          reason: null,
          publishedAt: "2026-10-06T02:00:00.000Z",
        },
        {
          period: "2026-10",
          version: 2,
          schemeVersion: 1,
          reason: "补录",
          publishedAt: published.publishedAt,
        },
      ],
    },
    "public.leagueTable": published,
  });
  return renderPage(
    // The app's router is at "/"; the page reads its county from the address it is routed at.
    <Routes location="/public/c%201">
      <Route path="/public/:countyId" element={<PublicPage />} />
    </Routes>,
    { locale },
  );
}

const bundleLink = () =>
  waitFor(() => view?.container.querySelector<HTMLAnchorElement>('a[href$="/bundle.json"]') ?? null);

describe("the public page's verification bundle", { timeout: 20_000 }, () => {
  it("links the version shown to its bundle as 「下载核验包」", async () => {
    view = await showPublicPage("zh-CN");
    const link = await bundleLink();
    expect(link.getAttribute("href")).toBe("/published/c%201/2026-10/2/bundle.json");
    expect(link.hasAttribute("download")).toBe(true);
    expect(link.textContent).toContain("下载核验包");
  });

  it("names the link in English when English is chosen", async () => {
    view = await showPublicPage("en");
    expect((await bundleLink()).textContent).toContain("Download verification bundle");
  });
});

describe("the public page", { timeout: 20_000 }, () => {
  it("opens on the newest period published, not the first by text, and names it in the chosen language", async () => {
    view = await showPublicPage("en");
    const select = await waitFor(() => view?.container.querySelector("select") ?? null);
    expect(select.value).toBe("2026-10");
    expect([...select.options].map((o) => o.textContent)).toEqual(["2026-10", "2026 Q3"]);
    view.unmount();
    view = await showPublicPage("zh-CN");
    const zh = await waitFor(() => view?.container.querySelector("select") ?? null);
    expect([...zh.options].map((o) => o.textContent)).toEqual(["2026年10月", "2026年第三季度"]);
  });

  it("shows a township's indicators by their names, with full marks and notes", async () => {
    view = await showPublicPage("zh-CN");
    const link = await waitFor(
      () =>
        [...(view?.container.querySelectorAll("a") ?? [])].find((a) => a.textContent === "城关镇") ?? null,
    );
    await click(link);
    const detail = await waitFor(() => view?.container.querySelector('[role="dialog"]') ?? null);
    const text = detail.textContent ?? "";
    expect(text).toContain("综治例会");
    expect(text).toContain("矛盾纠纷化解率");
    expect(text).toContain("8.00 / 10");
    expect(text).toContain("93.3%");
    expect(text).toContain("综治例会：应 1 次，实 1 次");
    expect(text).not.toMatch(/I01/);
    expect(text).toContain("考核细则：2026年度平安建设考评细则");
  });
});
