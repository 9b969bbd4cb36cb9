import { LogoutOutlined, TranslationOutlined } from "@ant-design/icons";
import { Button, Layout, Menu, type MenuProps, Space, Spin, Typography } from "antd";
import { Suspense, useMemo } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { useSession } from "../auth/session-provider";
import { useI18n } from "../i18n/i18n-provider";
import { canOpen, navItemsFor } from "./nav-items";

export function PageFallback() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: "center" }}>
      <Spin description={t("app.loading")} />
    </div>
  );
}

/** The signed-in frame: a menu with only what the role allows, the user, the language switch. */
export function AppLayout() {
  const { session, signOut } = useSession();
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const role = session?.user.role;

  const items = useMemo<MenuProps["items"]>(() => {
    if (!role) return [];
    const out: NonNullable<MenuProps["items"]> = [];
    const groups = new Map<
      string,
      { key: string; label: string; children: { key: string; label: string }[] }
    >();
    for (const item of navItemsFor(role)) {
      const entry = { key: item.path, label: t(item.label) };
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
  }, [role, t]);

  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (!canOpen(session.user.role, location.pathname))
    return (
      <Layout style={{ minHeight: "100vh", padding: 48 }}>
        <Typography.Title level={4}>{t("app.forbidden")}</Typography.Title>
        <Button onClick={() => navigate("/")}>{t("app.backHome")}</Button>
      </Layout>
    );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={200} theme="light" className="no-print">
        <div style={{ padding: "16px 20px", fontWeight: 600, fontSize: 18 }}>{t("app.title")}</div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          defaultOpenKeys={["nav.records"]}
          items={items}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          className="no-print"
          style={{
            background: "#fff",
            padding: "0 16px",
            display: "flex",
            justifyContent: "flex-end",
            alignItems: "center",
            gap: 8,
            borderBottom: "1px solid #f0f0f0",
          }}
        >
          <Space wrap size="small">
            <Typography.Text data-testid="current-user">
              {session.user.name}（{t(`role.${session.user.role}`)}）
            </Typography.Text>
            <Button
              size="small"
              icon={<TranslationOutlined />}
              onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
            >
              {t("app.switchLanguage")}
            </Button>
            <Button
              size="small"
              icon={<LogoutOutlined />}
              onClick={() => {
                signOut();
                navigate("/sign-in");
              }}
            >
              {t("app.signOut")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Suspense fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
