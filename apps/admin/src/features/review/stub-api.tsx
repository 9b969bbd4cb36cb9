import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { TRPCProvider } from "../../api/trpc";
import { createApiClient } from "../../api/trpc-client";
import { SessionProvider } from "../../auth/session-provider";
import { type Session, tokenStore } from "../../auth/token-store";
import { createQueryClient } from "../../errors/error-presenter";
import type { Locale } from "../../i18n/dictionary";
import { type Rendered, render } from "../../test-support/render";

/** What a stubbed procedure answers: a value, or a function of the call's input. */
export type Answer = unknown | ((input: unknown) => unknown);

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

/**
 * A fake API for page tests: batched tRPC calls (queries by GET, mutations by POST) are answered from
 * `answers` by procedure path; any other path is NOT_FOUND. Returns the paths asked, in order.
 */
export function stubApi(answers: Record<string, Answer>): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string | URL, init?: RequestInit) => {
      const u = new URL(String(url));
      const paths = u.pathname.replace("/trpc/", "").split(",");
      const raw = init?.method === "POST" ? String(init.body ?? "{}") : (u.searchParams.get("input") ?? "{}");
      const inputs = JSON.parse(raw) as Record<string, unknown>;
      return json(
        paths.map((path, i) => {
          asked.push(path);
          if (!(path in answers))
            return {
              error: {
                message: "not stubbed",
                code: -32004,
                data: { code: "NOT_FOUND", httpStatus: 404, path },
              },
            };
          const a = answers[path];
          return { result: { data: typeof a === "function" ? a(inputs[i]) : a } };
        }),
      );
    }),
  );
  return asked;
}

/** Signs a test user in, as the pages that read the session expect. */
export function signInAs(user: Session["user"]): void {
  tokenStore.set({ accessToken: "a", refreshToken: "r", user });
}

/**
 * Renders a page with the real tRPC client (talking to the stubbed fetch) and the session; in English
 * antd's own words switch too, as the app does.
 */
export function renderWithApi(ui: ReactNode, locale?: Locale): Promise<Rendered> {
  const queryClient = createQueryClient();
  const trpcClient = createApiClient("http://api.test/trpc");
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionProvider>
          {locale === "en" ? <ConfigProvider locale={enUS}>{ui}</ConfigProvider> : ui}
        </SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>,
    locale ? { locale } : {},
  );
}

/** Any Han character: what must not be left in a page shown in English (data aside). */
export const HAN = /\p{Script=Han}/u;
