import { Outlet } from "react-router";
import { ErrorPresenter } from "../errors/error-presenter";
import { AntdTheme } from "../shared/antd-theme";

/**
 * The frame of every page built with antd (the signed-in pages, registration, print): loaded on its own
 * chunk, so the sign-in page and the public page, which use the light components, never download antd.
 */
export function AntdFrame() {
  return (
    <AntdTheme>
      <ErrorPresenter />
      <Outlet />
    </AntdTheme>
  );
}
