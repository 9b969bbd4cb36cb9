import { useQuery } from "@tanstack/react-query";
import { Card, Col, List, Row, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useTRPC } from "../../api/trpc";
import { useI18n } from "../../i18n/i18n-provider";
import { recordInGrid } from "../../shared/filed-grid";
import { showDeadline } from "../../shared/instant";
import { LightBadge } from "../../shared/light-badge";
import { LEVEL_COLORS, recordLabels } from "../../shared/record-labels";

/**
 * A grid worker's home (issue 14): their own grids first, each with its open disputes and their lights,
 * the key persons still to be visited, the open petitions, and links to record in the grid. Nothing for
 * someone who holds no grid.
 */
export function MyGridsCard({ townshipId }: { townshipId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = recordLabels(t);
  const mine = useQuery(trpc.organisation.myGrids.queryOptions({ townshipId }));
  const grids = mine.data?.grids ?? [];
  if (grids.length === 0) return null;
  // The county's own categories have no built-in label: their name comes from the county's list.
  const category = (c: string, name: string) =>
    (labels.keyPersonCategory as Record<string, string>)[c] ?? name;
  return (
    <Card size="small" title={t("myGrids.title")} data-testid="my-grids">
      <Row gutter={[12, 12]}>
        {grids.map((g) => (
          <Col xs={24} lg={grids.length > 1 ? 12 : 24} key={g.id}>
            <Card
              size="small"
              type="inner"
              data-testid="my-grid"
              title={`${g.villageName ?? ""} / ${g.name}`}
              extra={
                <Space size="middle">
                  {(["red", "yellow", "green"] as const).map((l) => (
                    <LightBadge key={l} light={l} text={`${t(`lights.${l}`)} ${g.counts[l]}`} />
                  ))}
                </Space>
              }
              actions={[
                <Link key="dispute" to={recordInGrid("/records/disputes", g.id)}>
                  {t("myGrids.recordDispute")}
                </Link>,
                <Link key="petition" to={recordInGrid("/records/petitions", g.id)}>
                  {t("myGrids.recordPetition")}
                </Link>,
                <Link key="incident" to={recordInGrid("/records/incidents", g.id)}>
                  {t("myGrids.recordIncident")}
                </Link>,
                <Link key="visit" to="/records/key-persons">
                  {t("myGrids.recordVisit")}
                </Link>,
              ]}
            >
              <Typography.Text strong>{t("myGrids.disputes", { n: g.disputes.length })}</Typography.Text>
              <List
                size="small"
                dataSource={g.disputes}
                locale={{ emptyText: t("common.none") }}
                renderItem={(d) => (
                  <List.Item data-testid="my-grid-dispute">
                    <Space wrap size={4}>
                      <LightBadge light={d.light} text={t(`lights.${d.light}`)} />
                      <Tag color={LEVEL_COLORS[d.level]}>{labels.level[d.level]}</Tag>
                      <span>{d.category}</span>
                      <span>{d.partiesBrief}</span>
                      <Typography.Text type="secondary">
                        {t("lights.due", { at: showDeadline(d.dueAt) })}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
              <Typography.Text strong>
                {t("myGrids.keyPersons", { n: g.keyPersonsDue.length })}
              </Typography.Text>
              <List
                size="small"
                dataSource={g.keyPersonsDue}
                locale={{ emptyText: t("myGrids.allVisited") }}
                renderItem={(k) => (
                  <List.Item data-testid="my-grid-key-person">
                    <Space wrap size={4}>
                      <LightBadge light={k.light} text={t(`lights.${k.light}`)} />
                      <span>{k.alias}</span>
                      <Tag>{category(k.category, k.categoryName)}</Tag>
                      <Typography.Text type="secondary">
                        {t(k.per === "quarter" ? "myGrids.visitsQuarter" : "myGrids.visitsMonth", {
                          done: k.done,
                          required: k.required,
                        })}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
              <Typography.Text strong>{t("myGrids.petitions", { n: g.petitions.length })}</Typography.Text>
              <List
                size="small"
                dataSource={g.petitions}
                locale={{ emptyText: t("common.none") }}
                renderItem={(p) => (
                  <List.Item data-testid="my-grid-petition">
                    <Link to="/records/petitions">{p.subject}</Link>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
