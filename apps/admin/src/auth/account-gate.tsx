import { useQuery } from "@tanstack/react-query";
import { Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTRPC } from "../api/trpc";
import { ChangePasswordPage } from "./change-password-page";
import { TOWNSHIP_ROLES } from "./roles";
import { useSession } from "./session-provider";

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
  };
}

/** Stands in for the page while the account cannot use it yet. */
export function AccountGate({ children }: { children: ReactNode }) {
  const account = useAccount();
  // Pages wait for the account: a pending township's page must not fire calls that can only fail.
  if (account.loading) return <Spin style={{ display: "block", margin: 48 }} />;
  if (account.mustChangePassword) return <ChangePasswordPage required />;
  if (account.waiting) {
    const t = account.township;
    return t?.status === "rejected" ? (
      <Result
        status="error"
        title={`${t.name}的注册未通过县级审核`}
        subTitle={`驳回理由：${t.rejectReason ?? "—"}`}
      />
    ) : (
      <Result
        status="info"
        title={`${t?.name ?? "本乡镇"}正在等待县级审核`}
        subTitle={`${account.county?.name ?? "县委政法委"}审核通过后，即可使用工作纪实、月度填报等全部功能。`}
        data-testid="township-pending"
      />
    );
  }
  return <>{children}</>;
}
