import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useEffect } from "react";
import { useI18n } from "../i18n/i18n-provider";
import { describeError, type UserMessage } from "./error-messages";

type Present = (err: unknown) => void;
let present: Present = () => {};

/** Queries and mutations that fail show one Chinese notice; `meta.silent` leaves it to the page. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (!query.meta?.silent) present(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _v, _c, mutation) => {
        if (!mutation.meta?.silent) present(err);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          const code = (err as { data?: { code?: string } }).data?.code;
          return count < 2 && (code === undefined || code === "INTERNAL_SERVER_ERROR" || code === "TIMEOUT");
        },
      },
    },
  });
}

/** Mounted once inside antd's <App>: gives the query client a way to speak to the user. */
export function ErrorPresenter() {
  const { notification } = App.useApp();
  const { locale } = useI18n();
  useEffect(() => {
    let last = "";
    let lastAt = 0;
    present = (err) => {
      const m: UserMessage = describeError(err, locale);
      // Several queries failing together (e.g. offline) say it once.
      const key = `${m.title}|${m.hint}`;
      if (key === last && Date.now() - lastAt < 3000) return;
      last = key;
      lastAt = Date.now();
      notification.error({ title: m.title, description: m.hint, placement: "topRight" });
    };
    return () => {
      present = () => {};
    };
  }, [notification, locale]);
  return null;
}
