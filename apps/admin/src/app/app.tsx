import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { SessionProvider } from "../api/session-provider";
import { TRPCProvider } from "../api/trpc";
import { createApiClient } from "../api/trpc-client";
import { createQueryClient, ErrorPresenter } from "../errors/error-presenter";
import { I18nProvider, useI18n } from "../i18n/i18n-provider";
import { createRouter } from "./routes";

function Themed() {
  const { locale } = useI18n();
  const [router] = useState(createRouter);
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={{ token: { colorPrimary: "#1d4ed8" } }}>
      <AntApp>
        <ErrorPresenter />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  return (
    <I18nProvider>
      <SessionProvider>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <Themed />
          </TRPCProvider>
        </QueryClientProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
