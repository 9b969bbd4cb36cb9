import { useQuery } from "@tanstack/react-query";
import { Button, Result, Space } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { COUNTY_ROLES } from "../../api/roles";
import { useSession } from "../../api/session-provider";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { takePrintInput } from "../../shared/league-table/print-handoff";
import { PrintReport, yoyMonthOf } from "./print-report";

/** A clean A4 通报 for the browser's print; the buttons do not print. */
export default function PrintPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const [input] = useState(takePrintInput);
  const role = useSession().session?.user.role;
  const month = input ? yoyMonthOf(input.table.period, new Date()) : null;
  // 同比 for the county's officials (the same computation the townships see on their own pages).
  const yoy = useQuery({
    ...trpc.yearOnYear.county.queryOptions({ month: month ?? "2000-01" }),
    enabled: month !== null && role !== undefined && COUNTY_ROLES.includes(role),
  });
  if (!input) return <Result status="warning" title={t("league.empty")} />;
  return (
    <div className="print-page">
      <Space className="no-print" style={{ margin: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t("print.doPrint")}
        </Button>
        <Button onClick={() => navigate(input.returnTo)}>{t("print.back")}</Button>
      </Space>
      <PrintReport {...input} yearOnYear={yoy.data} />
    </div>
  );
}
