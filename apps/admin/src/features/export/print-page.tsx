import { Button, Result, Space } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "../../i18n/i18n-provider";
import { takePrintInput } from "../../shared/league-table/print-handoff";
import { PrintReport } from "./print-report";

/** A clean A4 通报 for the browser's print; the buttons do not print. */
export default function PrintPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const input = takePrintInput();
  if (!input) return <Result status="warning" title={t("league.empty")} />;
  return (
    <div className="print-page">
      <Space className="no-print" style={{ margin: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t("print.doPrint")}
        </Button>
        <Button onClick={() => navigate(input.returnTo)}>{t("print.back")}</Button>
      </Space>
      <PrintReport {...input} />
    </div>
  );
}
