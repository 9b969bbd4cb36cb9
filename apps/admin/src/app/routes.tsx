import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { useSession } from "../auth/session-provider";
import { SignInPage } from "../auth/sign-in-page";
import { AppLayout, PageFallback } from "./app-layout";
import { homeFor } from "./nav-items";
import { NotFoundPage } from "./not-found-page";

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeFor(session.user.role) : "/sign-in"} replace />;
}

/** Each page is its own chunk, loaded when first opened. */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, "lazy"> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  { path: "/sign-in", Component: SignInPage },
  { path: "/print/league", ...page(() => import("../features/export/print-page")) },
  {
    path: "/",
    Component: AppLayout,
    HydrateFallback: PageFallback,
    children: [
      { index: true, Component: Home },
      { path: "welcome", ...page(() => import("./welcome-page")) },
      { path: "scheme", ...page(() => import("../features/scheme/scheme-page")) },
      { path: "trial", ...page(() => import("../features/league/trial-page")) },
      { path: "*", Component: NotFoundPage },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
