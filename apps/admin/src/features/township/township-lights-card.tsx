import { useQuery } from "@tanstack/react-query";
import { Card, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { showDeadline } from "../../shared/instant";
import { LightBadge } from "../../shared/light-badge";

/** The township's own lights on its home page: what is overdue or due soon, red first. */
export function TownshipLightsCard({ townshipId }: { townshipId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const lights = useQuery(trpc.supervision.townshipLights.queryOptions({ townshipId }));
  if (!lights.data) return null;
  const { counts, items } = lights.data;
  const urgent = items.filter((i) => i.light !== "green");
  return (
    <Card
      size="small"
      title={t("lights.title")}
      data-testid="township-lights"
      extra={
        <Space size="middle">
          {(["red", "yellow", "green"] as const).map((l) => (
            <LightBadge key={l} light={l} text={`${t(`lights.${l}`)} ${counts[l]}`} />
          ))}
        </Space>
      }
    >
      <List
        size="small"
        dataSource={urgent}
        locale={{ emptyText: t("lights.allGreen") }}
        renderItem={(i) => (
          <List.Item>
            <Space wrap>
              <LightBadge light={i.light} text={t(`lights.${i.light}`)} />
              <Tag>{t(`lights.kind.${i.kind}`)}</Tag>
              <Link to={i.link}>{i.title}</Link>
              <Typography.Text type="secondary">
                {t("lights.due", { at: showDeadline(i.dueAt) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
