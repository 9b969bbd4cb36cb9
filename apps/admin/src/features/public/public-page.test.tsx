import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { type Rendered, waitFor } from "../../test-support/render";
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
};

function showPublicPage(locale: "zh-CN" | "en") {
  fakeApi({
    "public.periods": {
      county: { id: "c 1", name: "示范县" },
      published: [
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
