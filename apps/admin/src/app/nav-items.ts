import type { Role } from "../api/roles";
import type { MessageKey } from "../i18n/dictionary";

export type NavItem = {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
  /** Menu group; items without one sit at the top level. */
  group?: MessageKey;
};

/** The county's public page: outside the signed-in frame, at /public/<the user's county>. */
const PUBLIC_PAGE = "/public";

const COUNTY: readonly Role[] = ["county_admin", "county_reviewer"];
const TOWNSHIP: readonly Role[] = ["township_admin", "township_staff"];

/** Every page a signed-in user may reach from the menu, and who may. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/counties", label: "nav.counties", roles: ["platform_admin"] },
  { path: "/my/score", label: "nav.myScore", roles: TOWNSHIP },
  { path: "/my/submission", label: "nav.submission", roles: ["township_admin"] },
  { path: "/my/ranks", label: "rankHistory.nav", roles: TOWNSHIP },
  { path: "/records/disputes", label: "nav.disputes", roles: TOWNSHIP, group: "nav.records" },
  { path: "/records/petitions", label: "nav.petitions", roles: TOWNSHIP, group: "nav.records" },
  { path: "/records/incidents", label: "nav.incidents", roles: TOWNSHIP, group: "nav.records" },
  { path: "/records/key-persons", label: "nav.keyPersons", roles: TOWNSHIP, group: "nav.records" },
  { path: "/records/events", label: "nav.events", roles: TOWNSHIP, group: "nav.records" },
  { path: "/my/profile", label: "nav.profile", roles: ["township_admin"] },
  { path: "/my/staff", label: "nav.staff", roles: ["township_admin"] },
  { path: "/my/organisation", label: "org.nav", roles: ["township_admin"] },
  { path: "/review", label: "nav.review", roles: COUNTY },
  { path: "/league", label: "nav.league", roles: COUNTY },
  { path: "/supervision", label: "nav.supervision", roles: COUNTY },
  { path: "/organisation", label: "org.breakdownNav", roles: COUNTY },
  { path: "/notices", label: "nav.notices", roles: [...COUNTY, ...TOWNSHIP] },
  { path: "/townships", label: "nav.townships", roles: ["county_admin"] },
  { path: "/scheme", label: "nav.scheme", roles: COUNTY },
  { path: "/trial", label: "nav.trial", roles: COUNTY },
  { path: "/audit", label: "nav.audit", roles: ["county_admin"] },
  { path: "/users", label: "users.nav", roles: ["county_admin"] },
  { path: "/settings", label: "settings.nav", roles: ["county_admin"] },
  { path: "/import", label: "nav.import", roles: ["township_admin", "county_admin"] },
  { path: PUBLIC_PAGE, label: "nav.publicPage", roles: COUNTY },
];

/**
 * Pages whose API procedures exist. A page not listed is reachable only by its address and left out of
 * the menu, so nobody meets a page that cannot work yet.
 */
export const READY_PATHS = new Set<string>([
  "/counties",
  "/scheme",
  "/trial",
  "/league",
  "/review",
  "/supervision",
  "/notices",
  "/audit",
  "/my/score",
  "/townships",
  "/my/profile",
  "/my/staff",
  "/records/disputes",
  "/records/petitions",
  "/records/incidents",
  "/records/key-persons",
  "/records/events",
  "/settings",
  "/users",
  "/my/ranks",
  "/import",
  "/my/organisation",
  "/organisation",
  PUBLIC_PAGE,
]);

export function navItemsFor(role: Role, ready: ReadonlySet<string> = READY_PATHS): NavItem[] {
  return NAV_ITEMS.filter((i) => i.roles.includes(role) && ready.has(i.path));
}

export function canOpen(role: Role, path: string): boolean {
  const item = NAV_ITEMS.find((i) => path === i.path || path.startsWith(`${i.path}/`));
  return item ? item.roles.includes(role) : true;
}

/** Where a user lands after signing in. */
export function homeFor(role: Role, ready: ReadonlySet<string> = READY_PATHS): string {
  return navItemsFor(role, ready)[0]?.path ?? "/welcome";
}

/**
 * Where a menu item leads for this user: the public page of the user's own county (opened beside the
 * app, in a new tab), any other item its path.
 */
export function menuTarget(item: NavItem, user: { countyId?: string }): { path: string; newTab: boolean } {
  if (item.path === PUBLIC_PAGE && user.countyId)
    return { path: `${PUBLIC_PAGE}/${encodeURIComponent(user.countyId)}`, newTab: true };
  return { path: item.path, newTab: false };
}
