import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { useSession } from "../api/session-provider";
import { homeFor } from "./nav-items";
import { PageFallback } from "./page-fallback";

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeFor(session.user.role) : "/sign-in"} replace />;
}

/**
 * Each page is its own chunk, loaded when first opened; so are the sign-in page and the signed-in frame,
 * so that a first visit downloads only the providers and the page it asked for; antd comes with the frame
 * of the pages that use it.
 */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, "lazy"> => ({
  lazy: async () => ({ Component: (await load()).default }),
});
const named = <K extends string>(
  load: () => Promise<Record<K, React.ComponentType>>,
  name: K,
): Pick<RouteObject, "lazy"> => ({
  lazy: async () => ({ Component: (await load())[name] }),
});

/** The pages built with antd: they load inside its frame (./antd-frame), on their own chunks. */
const antdPages: RouteObject[] = [
  { path: "/register", ...page(() => import("../features/township/register-page")) },
  { path: "/print/league", ...page(() => import("../features/export/print-page")) },
  {
    path: "/",
    ...named(() => import("./app-layout"), "AppLayout"),
    children: [
      { index: true, Component: Home },
      { path: "welcome", ...page(() => import("./welcome-page")) },
      { path: "scheme", ...page(() => import("../features/scheme/scheme-page")) },
      { path: "trial", ...page(() => import("../features/scheme/trial-page")) },
      { path: "league", ...page(() => import("../features/league/league-page")) },
      { path: "review", ...page(() => import("../features/review/review-page")) },
      { path: "my/score", ...page(() => import("../features/township/my-score-page")) },
      { path: "counties", ...page(() => import("../features/platform/counties-page")) },
      { path: "supervision", ...page(() => import("../features/supervision/supervision-page")) },
      { path: "notices", ...page(() => import("../features/notices/notices-page")) },
      { path: "audit", ...page(() => import("../features/audit/audit-page")) },
      { path: "townships", ...page(() => import("../features/county/townships-page")) },
      { path: "settings", ...page(() => import("../features/county/settings-page")) },
      { path: "users", ...page(() => import("../features/county/users-page")) },
      { path: "my/ranks", ...page(() => import("../features/township/rank-history-page")) },
      { path: "my/profile", ...page(() => import("../features/township/profile-page")) },
      { path: "my/staff", ...page(() => import("../features/township/staff-page")) },
      { path: "my/organisation", ...page(() => import("../features/organisation/organisation-page")) },
      { path: "organisation", ...page(() => import("../features/organisation/county-breakdown-page")) },
      { path: "records/disputes", ...page(() => import("../features/records/disputes-page")) },
      { path: "records/petitions", ...page(() => import("../features/records/petitions-page")) },
      { path: "records/incidents", ...page(() => import("../features/records/incidents-page")) },
      { path: "records/key-persons", ...page(() => import("../features/records/key-persons-page")) },
      { path: "records/events", ...page(() => import("../features/records/events-page")) },
      { path: "import", ...page(() => import("../features/import/import-page")) },
      { path: "*", ...named(() => import("./not-found-page"), "NotFoundPage") },
    ],
  },
];

export const routes: RouteObject[] = [
  // The two pages people arrive at cold are built from light components: no antd on their first load.
  { path: "/sign-in", ...named(() => import("./sign-in-page"), "SignInPage"), HydrateFallback: PageFallback },
  {
    path: "/public/:countyId",
    ...page(() => import("../features/public/public-page")),
    HydrateFallback: PageFallback,
  },
  { ...named(() => import("./antd-frame"), "AntdFrame"), HydrateFallback: PageFallback, children: antdPages },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
