import { describe, expect, it } from "vitest";
import { canOpen, homeFor, menuTarget, NAV_ITEMS, navItemsFor } from "./nav-items";

const ALL = new Set(NAV_ITEMS.map((i) => i.path));

describe("navItemsFor", () => {
  it("shows township staff only their township's pages, never the county's", () => {
    const paths = navItemsFor("township_staff", ALL).map((i) => i.path);
    expect(paths).toContain("/records/disputes");
    expect(paths).not.toContain("/my/staff");
    expect(paths.some((p) => ["/scheme", "/review", "/league", "/audit"].includes(p))).toBe(false);
  });

  it("gives the county admin the scheme, review and audit, and the reviewer no township approval", () => {
    expect(navItemsFor("county_admin", ALL).map((i) => i.path)).toEqual(
      expect.arrayContaining(["/scheme", "/review", "/league", "/audit", "/townships"]),
    );
    expect(navItemsFor("county_reviewer", ALL).map((i) => i.path)).not.toContain("/townships");
  });

  it("gives county settings and users to the county admin only, and rank history to the township", () => {
    const admin = navItemsFor("county_admin").map((i) => i.path);
    expect(admin).toEqual(expect.arrayContaining(["/settings", "/users"]));
    expect(navItemsFor("county_reviewer").map((i) => i.path)).not.toContain("/settings");
    expect(canOpen("county_reviewer", "/users")).toBe(false);
    expect(canOpen("township_admin", "/settings")).toBe(false);
    for (const role of ["township_admin", "township_staff"] as const)
      expect(navItemsFor(role).map((i) => i.path)).toContain("/my/ranks");
    expect(canOpen("county_admin", "/my/ranks")).toBe(false);
    expect(homeFor("county_admin")).toBe("/review");
  });

  it("keeps pages whose API is not ready out of the menu and guards addresses by role", () => {
    expect(navItemsFor("county_admin", new Set(["/scheme"])).map((i) => i.path)).toEqual(["/scheme"]);
    expect(canOpen("township_staff", "/scheme")).toBe(false);
    expect(canOpen("county_reviewer", "/scheme")).toBe(true);
    expect(homeFor("township_admin", ALL)).toBe("/my/score");
  });
});

describe("menuTarget", () => {
  it("links the county's staff to their own county's public page, in a new tab", () => {
    const item = navItemsFor("county_admin").find((i) => i.label === "nav.publicPage");
    expect(item).toBeDefined();
    if (!item) return;
    expect(menuTarget(item, { countyId: "c 1" })).toEqual({ path: "/public/c%201", newTab: true });
    expect(navItemsFor("township_admin").some((i) => i.label === "nav.publicPage")).toBe(false);
    const league = NAV_ITEMS.find((i) => i.path === "/league");
    if (league) expect(menuTarget(league, { countyId: "c 1" })).toEqual({ path: "/league", newTab: false });
  });
});
