import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import type { ReactNode } from "react";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { MemoryRouter } from "react-router";
import type { Locale } from "../i18n/dictionary";
import { I18nProvider, useI18n } from "../i18n/i18n-provider";

// React's act() needs to know it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = { container: HTMLElement; root: Root; unmount: () => void };

/** Any Han character: what must not be left in a page shown in English (data aside). */
export const HAN = /\p{Script=Han}/u;

/** antd's own words (pickers, pagination, empty tables…) follow the chosen language, as in app.tsx. */
function AntdLocale({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return <ConfigProvider locale={locale === "en" ? enUS : zhCN}>{children}</ConfigProvider>;
}

/**
 * Renders inside the app's providers (zh-CN unless told, antd in the same language, antd App, a memory
 * router).
 */
export async function render(ui: ReactNode, opts: { locale?: Locale } = {}): Promise<Rendered> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <I18nProvider initial={opts.locale ?? "zh-CN"}>
        <AntdLocale>
          <AntApp>
            <MemoryRouter>{ui}</MemoryRouter>
          </AntApp>
        </AntdLocale>
      </I18nProvider>,
    );
  });
  return {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error("nothing to click");
  await act(async () => {
    (el as HTMLElement).click();
  });
}

/** Types into an input the way React notices (the native value setter, then an input event). */
export async function typeInto(input: Element | null | undefined, value: string): Promise<void> {
  if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement))
    throw new Error("not an input");
  await act(async () => {
    const proto =
      input instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

/** Polls until `find` returns something, letting React and antd's animations run in between. */
export async function waitFor<T>(find: () => T | null | undefined, timeoutMs = 2000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > until) throw new Error("waitFor: timed out");
    await settle(20);
  }
}
