import { LogoutOutlined, MenuOutlined, TranslationOutlined } from "@ant-design/icons";
import { Badge, Button, Drawer, Grid, Layout, Menu, type MenuProps, Space, Typography } from "antd";
import { type ReactNode, Suspense, useMemo, useRef, useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { useSession } from "../api/session-provider";
import { AccountGate, useAccount } from "../auth/account-gate";
import { useSignOut } from "../auth/sign-out";
import { useI18n } from "../i18n/i18n-provider";
import { NotificationBell } from "../shared/notification-bell";
import { usePendingRegistrations } from "../shared/use-pending-registrations";
import { canOpen, menuTarget, navItemsFor } from "./nav-items";
import { PageFallback } from "./page-fallback";

/** The signed-in frame: a menu with only what the role allows, the user, the language switch. */
export function AppLayout() {
  const { session } = useSession();
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const role = session?.user.role;
  const account = useAccount();
  const signOutHere = useSignOut();
  const lastUserId = useRef<string | undefined>(undefined);
  if (session) lastUserId.current = session.user.id;
  const locked = account.waiting || account.mustChangePassword;
  const screens = Grid.useBreakpoint();
  const [menuOpen, setMenuOpen] = useState(false);
  const pendingRegistrations = usePendingRegistrations(role === "county_admin" && !locked);

  const items = useMemo<MenuProps["items"]>(() => {
    if (!role || locked) return [];
    const out: NonNullable<MenuProps["items"]> = [];
    const groups = new Map<
      string,
      { key: string; label: string; children: { key: string; label: ReactNode }[] }
    >();
    for (const item of navItemsFor(role)) {
      const label =
        item.path === "/townships" && pendingRegistrations > 0 ? (
          <span data-testid="pending-registrations">
            {t(item.label)} <Badge count={pendingRegistrations} size="small" />
          </span>
        ) : (
          t(item.label)
        );
      const entry = { key: menuTarget(item, session?.user ?? {}).path, label };
      if (!item.group) {
        out.push(entry);
        continue;
      }
      let g = groups.get(item.group);
      if (!g) {
        g = { key: item.group, label: t(item.group), children: [] };
        groups.set(item.group, g);
        out.push(g);
      }
      g.children.push(entry);
    }
    return out;
  }, [role, t, locked, pendingRegistrations, session?.user]);

  // The page is remembered for the same person only (an expired session), never for the next one.
  if (!session)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname, userId: lastUserId.current }} />;
  if (!canOpen(session.user.role, location.pathname))
    return (
      <Layout style={{ minHeight: "100vh", padding: 48 }}>
        <Typography.Title level={4}>{t("app.forbidden")}</Typography.Title>
        <Button onClick={() => navigate("/")}>{t("app.backHome")}</Button>
      </Layout>
    );

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[location.pathname]}
      defaultOpenKeys={["nav.records"]}
      items={items}
      onClick={(e) => {
        setMenuOpen(false);
        if (e.key.startsWith("/public/")) window.open(e.key, "_blank", "noopener");
        else navigate(e.key);
      }}
    />
  );
  const wide = screens.lg !== false;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {wide && (
        <Layout.Sider width={200} theme="light" className="no-print">
          <div style={{ padding: "16px 20px", fontWeight: 600, fontSize: 18 }}>{t("app.title")}</div>
          {menu}
        </Layout.Sider>
      )}
      {!wide && (
        <Drawer
          placement="left"
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          size={240}
          title={t("app.title")}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          className="no-print"
          style={{
            background: "#fff",
            padding: wide ? "0 16px" : "0 8px",
            display: "flex",
            alignItems: "center",
            gap: 8,
            borderBottom: "1px solid #f0f0f0",
          }}
        >
          {!wide && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={locale === "en" ? "Menu" : "菜单"}
              onClick={() => setMenuOpen(true)}
            />
          )}
          {!wide && <Typography.Text strong>{t("app.title")}</Typography.Text>}
          <Space size="small" style={{ marginLeft: "auto" }}>
            <NotificationBell enabled={!locked} />
            <span
              data-testid="current-user"
              style={{
                display: "inline-block",
                maxWidth: wide ? 320 : 110,
                overflow: "hidden",
                textOverflow: "ellipsis",
                whiteSpace: "nowrap",
                verticalAlign: "middle",
              }}
            >
              {session.user.name}
              {wide &&
                (locale === "en"
                  ? ` (${t(`role.${session.user.role}`)})`
                  : `（${t(`role.${session.user.role}`)}）`)}
            </span>
            <Button
              size="small"
              icon={<TranslationOutlined />}
              onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
              aria-label={t("app.switchLanguage")}
            >
              {wide || locale === "en" ? t("app.switchLanguage") : "EN"}
            </Button>
            <Button
              size="small"
              icon={<LogoutOutlined />}
              aria-label={t("app.signOut")}
              onClick={signOutHere}
            >
              {wide ? t("app.signOut") : null}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: wide ? 16 : 12, minWidth: 0 }}>
          <AccountGate>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </AccountGate>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
