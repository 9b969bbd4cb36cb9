import { App } from "antd";
import { useEffect } from "react";
import { useI18n } from "../i18n/i18n-provider";
import { describeError, type UserMessage } from "./error-messages";
import { setErrorPresenter } from "./query-client";

/** Mounted once inside antd's <App>: gives the query client a way to speak to the user. */
export function ErrorPresenter() {
  const { notification } = App.useApp();
  const { locale } = useI18n();
  useEffect(() => {
    let last = "";
    let lastAt = 0;
    return setErrorPresenter((err) => {
      const m: UserMessage = describeError(err, locale);
      // Several queries failing together (e.g. offline) say it once.
      const key = `${m.title}|${m.hint}`;
      if (key === last && Date.now() - lastAt < 3000) return;
      last = key;
      lastAt = Date.now();
      notification.error({ title: m.title, description: m.hint, placement: "topRight" });
    });
  }, [notification, locale]);
  return null;
}
