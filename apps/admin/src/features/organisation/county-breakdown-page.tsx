import { useQuery } from "@tanstack/react-query";
import { Empty, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { OrgBreakdown } from "./breakdown";

/** 网格责任统计 for the county: one of its townships' month by village, grid and person (read-only). */
export default function CountyBreakdownPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const townships = useQuery(trpc.onboarding.listTownships.queryOptions({ status: "active" }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("org.breakdownTitle")}
      </Typography.Title>
      <Select
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("org.chooseTownship")}
        aria-label={t("org.township")}
        style={{ width: 240 }}
        value={townshipId}
        onChange={setTownshipId}
        options={(townships.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      />
      {townshipId ? (
        <OrgBreakdown key={townshipId} townshipId={townshipId} />
      ) : (
        <Empty description={t("org.chooseTownship")} />
      )}
    </Space>
  );
}
