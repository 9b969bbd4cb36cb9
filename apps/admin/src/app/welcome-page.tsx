import { Result } from "antd";
import { useSession } from "../api/session-provider";
import { useI18n } from "../i18n/i18n-provider";

/** Landing page for a role whose pages are not yet open. */
export default function WelcomePage() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <Result status="info" title={t("app.title")} subTitle={session ? t(`role.${session.user.role}`) : ""} />
  );
}
