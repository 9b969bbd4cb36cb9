import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { vi } from "vitest";
import type { Role } from "../api/roles";
import { SessionProvider } from "../api/session-provider";
import { type SessionUser, tokenStore } from "../api/token-store";
import { TRPCProvider } from "../api/trpc";
import { createApiClient } from "../api/trpc-client";
import { createQueryClient } from "../errors/query-client";
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

/**
 * What a fake procedure answers: a value as it is, or a function of the call's input that returns the
 * value (or a promise of it) or throws a FakeApiError.
 */
export type Answer = unknown | ((input: never) => unknown);

/**
 * Stubs fetch with a tRPC batch endpoint (queries by GET, mutations by POST) answering from `answers`
 * by procedure path; a path with no answer is NOT_FOUND. Returns the calls made, in order.
 */
export function fakeApi(answers: Record<string, Answer>): Call[] {
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
      const results = await Promise.all(
        paths.map(async (path, i) => {
          const input = inputs[i];
          calls.push({ path, input });
          try {
            if (!(path in answers))
              throw new FakeApiError("not found", { code: "NOT_FOUND", httpStatus: 404, path });
            const answer = answers[path];
            return { result: { data: await (typeof answer === "function" ? answer(input) : answer) } };
          } catch (e) {
            if (!(e instanceof FakeApiError)) throw e;
            const code = String(e.data.code ?? "BAD_REQUEST");
            return { error: { message: e.message, code: JSON_RPC_CODES[code] ?? -32603, data: e.data } };
          }
        }),
      );
      return new Response(JSON.stringify(results), {
        status: results.some((a) => "error" in a) ? 207 : 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

/** Signs in `who`: that user, or a test user of that role (in `townshipId` if given). */
export function signIn(who: SessionUser | Role, townshipId?: string): void {
  const user: SessionUser =
    typeof who === "string"
      ? { id: "u1", name: "测试用户", role: who, countyId: "c1", ...(townshipId ? { townshipId } : {}) }
      : who;
  tokenStore.set({ accessToken: "a", user });
}

export type PageOptions = {
  /** Signs in a test user of this role first; without it the session stays as signIn left it. */
  role?: Role;
  townshipId?: string;
  /** zh-CN unless told; antd's own words follow it (see render). */
  locale?: Locale;
};

/**
 * Renders a page with the real tRPC client (talking to the fetch fakeApi stubbed), the query client and
 * the session, as app.tsx nests them.
 */
export function renderPage(ui: ReactNode, opts: PageOptions = {}): Promise<Rendered> {
  if (opts.role) signIn(opts.role, opts.townshipId);
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

/** Undoes renderPage, signIn and fakeApi, and forgets what the page kept (the chosen language too). */
export function cleanUp(view: Rendered | undefined): void {
  view?.unmount();
  tokenStore.set(null);
  vi.unstubAllGlobals();
  localStorage.clear();
}
