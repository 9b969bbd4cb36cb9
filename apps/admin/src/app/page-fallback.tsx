import { Spin } from "antd";
import { useI18n } from "../i18n/i18n-provider";

/** What shows while a page's chunk loads. */
export function PageFallback() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: "center" }}>
      <Spin description={t("app.loading")} />
    </div>
  );
}
