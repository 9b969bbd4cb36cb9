import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { useI18n } from "../i18n/i18n-provider";

/** ↑ rose, ↓ fell, — unchanged; the number says by how many places. */
export function RankChange({ change }: { change: number }) {
  const { locale } = useI18n();
  if (change > 0)
    return (
      <Typography.Text type="success" aria-label={locale === "en" ? `up ${change}` : `上升${change}位`}>
        <ArrowUpOutlined /> {change}
      </Typography.Text>
    );
  if (change < 0)
    return (
      <Typography.Text type="danger" aria-label={locale === "en" ? `down ${-change}` : `下降${-change}位`}>
        <ArrowDownOutlined /> {-change}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" aria-label={locale === "en" ? "unchanged" : "持平"}>
      <MinusOutlined />
    </Typography.Text>
  );
}
