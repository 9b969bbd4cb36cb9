import { afterEach, describe, expect, it } from "vitest";
import { type Call, cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, waitFor } from "../../test-support/render";
import TownshipsPage from "../county/townships-page";
import ProfilePage from "./profile-page";

const township = {
  id: "t1",
  countyId: "c1",
  name: "城关镇",
  code: "510722100",
  population: 30000,
  villages: 10,
  grids: 40,
  status: "active",
  version: 3,
  createdAt: "2026-01-01T00:00:00.000Z",
};
const pending = {
  id: "r1",
  from: "2026-11",
  population: 45000,
  reason: "人口普查更新",
  status: "pending",
  proposedBy: "u1",
  proposedAt: "2026-11-02T02:00:00.000Z",
};

let view: Rendered | undefined;
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

describe("population as a reviewed change in the admin app", { timeout: 20_000 }, () => {
  it("the profile page shows the population in force, no population field to edit, and the requests", async () => {
    fakeApi({
      "onboarding.township": township,
      "onboarding.population": {
        townshipId: "t1",
        inForce: 32000,
        population: 30000,
        history: [{ from: "2026-06", population: 32000 }],
        requests: [pending],
        version: 3,
      },
    });
    view = await renderPage(<ProfilePage />, { role: "township_admin", townshipId: "t1" });
    const page = view.container;
    await waitFor(
      () => page.querySelector("[data-testid=population-in-force]")?.textContent === "32000" || null,
    );
    const text = page.textContent ?? "";
    expect(text).toContain("申请变更户籍人口");
    expect(text).toContain("待审批");
    expect(text).toContain("人口普查更新");
    expect(page.querySelector("#population")).toBeNull();
    expect(page.querySelector("#populationRequest_from")).not.toBeNull();
    expect(page.querySelector("#populationRequest_population")).not.toBeNull();
  });

  it("the county's townships page lists pending requests and approves one with the township's version", async () => {
    const calls: Call[] = fakeApi({
      "onboarding.joinCode": { joinCode: "ABCD2345" },
      "onboarding.listTownships": [],
      "onboarding.pendingPopulationRequests": [
        { ...pending, townshipId: "t1", townshipName: "城关镇", townshipVersion: 7, current: 30000 },
      ],
      "onboarding.decidePopulation": {
        townshipId: "t1",
        inForce: 30000,
        population: 30000,
        history: [],
        requests: [],
        version: 8,
      },
    });
    view = await renderPage(<TownshipsPage />, { role: "county_admin" });
    const page = view.container;
    await waitFor(() => ((page.textContent ?? "").includes("45000") ? true : null));
    const approve = [...page.querySelectorAll("button")].find((b) => b.textContent?.includes("审核通过"));
    await click(approve);
    const ok = await waitFor(() => document.querySelector(".ant-popconfirm .ant-btn-primary"));
    await click(ok);
    const decided = await waitFor(() => calls.find((c) => c.path === "onboarding.decidePopulation"));
    expect(decided.input).toEqual({ townshipId: "t1", requestId: "r1", approve: true, expectedVersion: 7 });
  });
});
