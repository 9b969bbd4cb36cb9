import { useI18n } from "../i18n/i18n-provider";
import { Spinner } from "../shared/light/controls";

/** What shows while a page's chunk loads; light, because it shows before antd has loaded. */
export function PageFallback() {
  const { t } = useI18n();
  return (
    <div className="lt" style={{ padding: 48, textAlign: "center" }}>
      <Spinner />
      <div className="lt-muted" style={{ marginTop: 8 }}>
        {t("app.loading")}
      </div>
    </div>
  );
}
