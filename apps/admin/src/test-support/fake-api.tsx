import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { TRPCProvider } from "../api/trpc";
import { createApiClient } from "../api/trpc-client";
import type { Role } from "../auth/roles";
import { SessionProvider } from "../auth/session-provider";
import { tokenStore } from "../auth/token-store";
import { createQueryClient } from "../errors/error-presenter";
import type { Locale } from "../i18n/dictionary";
import { type Rendered, render } from "./render";

/** An error a fake procedure answers with, shaped like the API's tRPC error (code, data). */
export class FakeApiError extends Error {
  constructor(
    message: string,
    readonly data: Record<string, unknown>,
  ) {
    super(message);
  }
}

const JSON_RPC_CODES: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
  PRECONDITION_FAILED: -32012,
};

export type Call = { path: string; input: unknown };
type Handler = (input: never) => unknown;

/**
 * Stubs fetch with a tRPC batch endpoint answering from `handlers` by procedure path; a handler may
 * throw a FakeApiError. Returns the calls made, in order.
 */
export function fakeApi(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string | URL, init?: RequestInit) => {
      const u = new URL(String(url));
      const paths = u.pathname.replace(/^\/trpc\//, "").split(",");
      const inputs = (
        init?.method === "POST"
          ? JSON.parse(String(init.body ?? "{}"))
          : JSON.parse(u.searchParams.get("input") ?? "{}")
      ) as Record<string, unknown>;
      const answers = await Promise.all(
        paths.map(async (path, i) => {
          const input = inputs[i];
          calls.push({ path, input });
          const handler = handlers[path];
          try {
            if (!handler) throw new FakeApiError("not found", { code: "NOT_FOUND", httpStatus: 404 });
            return { result: { data: await handler(input as never) } };
          } catch (e) {
            if (!(e instanceof FakeApiError)) throw e;
            const code = String(e.data.code ?? "BAD_REQUEST");
            return { error: { message: e.message, code: JSON_RPC_CODES[code] ?? -32603, data: e.data } };
          }
        }),
      );
      return new Response(JSON.stringify(answers), {
        status: answers.some((a) => "error" in a) ? 207 : 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

/** Renders a page with the API client, the query client and a signed-in session of `role`. */
export function renderPage(
  ui: ReactNode,
  opts: { role: Role; townshipId?: string; locale?: Locale },
): Promise<Rendered> {
  tokenStore.set({
    accessToken: "a",
    refreshToken: "r",
    user: {
      id: "u1",
      name: "测试用户",
      role: opts.role,
      countyId: "c1",
      ...(opts.townshipId ? { townshipId: opts.townshipId } : {}),
    },
  });
  const queryClient = createQueryClient();
  const trpcClient = createApiClient("http://api.test/trpc");
  return render(
    <SessionProvider>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {ui}
        </TRPCProvider>
      </QueryClientProvider>
    </SessionProvider>,
    opts.locale ? { locale: opts.locale } : {},
  );
}

/** Undoes renderPage and fakeApi. */
export function cleanUp(view: Rendered | undefined): void {
  view?.unmount();
  tokenStore.set(null);
  vi.unstubAllGlobals();
}
