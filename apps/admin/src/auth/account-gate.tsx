import { useQuery } from "@tanstack/react-query";
import { Result, Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { TOWNSHIP_ROLES } from "../api/roles";
import { useSession } from "../api/session-provider";
import { useTRPC } from "../api/trpc";
import { useI18n } from "../i18n/i18n-provider";
import { ChangePasswordPage } from "./change-password-page";

// Shown to few people, once: its form stays out of the initial load.
const RejectedRegistration = lazy(() =>
  import("./rejected-registration").then((m) => ({ default: m.RejectedRegistration })),
);

/** Who the API says the user is now: whether the township is approved, whether a password change is due. */
export function useAccount() {
  const trpc = useTRPC();
  const { session } = useSession();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: session !== null });
  const townshipUser = session ? TOWNSHIP_ROLES.includes(session.user.role) : false;
  const township = me.data?.township;
  return {
    loading: me.isPending,
    mustChangePassword: me.data?.mustChangePassword === true,
    /** A township user whose township the county has not (yet) approved. */
    waiting: townshipUser && me.data !== undefined && township?.status !== "active",
    township,
    county: me.data?.county,
    role: session?.user.role,
  };
}

/** Stands in for the page while the account cannot use it yet. */
export function AccountGate({ children }: { children: ReactNode }) {
  const account = useAccount();
  const { t } = useI18n();
  // Pages wait for the account: a pending township's page must not fire calls that can only fail.
  if (account.loading) return <Spin style={{ display: "block", margin: 48 }} />;
  if (account.mustChangePassword) return <ChangePasswordPage required />;
  if (account.waiting) {
    const township = account.township;
    return township?.status === "rejected" ? (
      <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
        <RejectedRegistration township={township} canResubmit={account.role === "township_admin"} />
      </Suspense>
    ) : (
      <Result
        status="info"
        title={t("register.waitingTitle", { name: township?.name ?? t("register.thisTownship") })}
        subTitle={t("register.waitingHint", { county: account.county?.name ?? t("register.theCounty") })}
        data-testid="township-pending"
      />
    );
  }
  return <>{children}</>;
}
