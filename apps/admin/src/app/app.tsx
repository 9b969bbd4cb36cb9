import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { SessionProvider } from "../api/session-provider";
import { TRPCProvider } from "../api/trpc";
import { createApiClient } from "../api/trpc-client";
import { createQueryClient } from "../errors/query-client";
import { I18nProvider } from "../i18n/i18n-provider";
import { createRouter } from "./routes";

/** The providers every page needs; antd's come with the frame of the pages that use it (./antd-frame). */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  const [router] = useState(createRouter);
  return (
    <I18nProvider>
      <SessionProvider>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <RouterProvider router={router} />
          </TRPCProvider>
        </QueryClientProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
