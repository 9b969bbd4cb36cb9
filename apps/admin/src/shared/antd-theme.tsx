import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n-provider";

/** The brand colour; the light components (./light) use the same one. */
export const PRIMARY = "#1d4ed8";

/**
 * antd's theme, locale and <App> context. Only what is loaded lazily wraps itself in it (the signed-in
 * frame, a drawer opened from a light page), so that the pages people arrive at cold carry no antd.
 */
export function AntdTheme({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={{ token: { colorPrimary: PRIMARY } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
