import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "../i18n/i18n-provider";

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t("app.notFound")}
      extra={<Button onClick={() => navigate("/")}>{t("app.backHome")}</Button>}
    />
  );
}
