import {
  explainGaps,
  type IndicatorRow,
  type LeagueRow,
  type LeagueTable,
  type Scheme,
} from "@pingan/domain";
import { Alert, Descriptions, Drawer, Grid, Tag } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../format-metric";
import { gradeColor } from "../grade-color";
import { indicatorInfo } from "../indicator-info";
import { IndicatorTable } from "../indicator-table";
import { isMonth } from "../period-label";

type Props = { table: LeagueTable; scheme?: Scheme; row: LeagueRow | null; onClose: () => void };

/** One township's indicators with their notes, and how far it is from the next rank and grade. */
export function TownshipDetailDrawer({ table, scheme, row, onClose }: Props) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const gap = useMemo(() => {
    if (!row || !scheme) return undefined;
    return explainGaps(table, scheme).find((g) => g.townshipId === row.townshipId);
  }, [table, scheme, row]);

  const rows = (row?.indicators ?? []).map((ind: IndicatorRow) => {
    const info = indicatorInfo(ind.code, scheme);
    return { ...ind, name: info.name, maxScore: info.maxScore };
  });

  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size={screens.md ? 760 : "100%"}
      title={row ? `${row.name}　${t("league.detail")}` : ""}
      destroyOnHidden
    >
      {row && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
            <Descriptions.Item label={t("league.rank")}>{row.rank}</Descriptions.Item>
            <Descriptions.Item label={t("league.total")}>{formatScore(row.total)}</Descriptions.Item>
            <Descriptions.Item label={t("league.grade")}>
              <Tag color={gradeColor(row.grade, scheme)}>{row.grade}</Tag>
              {row.vetoed && <Tag color="red">{t("league.vetoed")}</Tag>}
            </Descriptions.Item>
            {gap && (
              <>
                <Descriptions.Item label={t("league.toNextRank")} span={{ xs: 1, sm: 1, md: 1 }}>
                  <span data-testid="gap-rank">
                    {gap.toNextRank === null
                      ? t("league.top")
                      : `${formatScore(gap.toNextRank)} ${t("league.points")}`}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t("league.toNextGrade")} span={{ xs: 1, sm: 1, md: 2 }}>
                  <span data-testid="gap-grade">
                    {row.vetoed
                      ? t("league.vetoNoGrade")
                      : gap.nextGrade === null || gap.toNextGrade === null
                        ? t("league.topGrade")
                        : `${gap.nextGrade} ${formatScore(gap.toNextGrade)} ${t("league.points")}`}
                  </span>
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
          {!isMonth(table.period) || row.indicators.length === 0 ? (
            <Alert style={{ marginTop: 16 }} type="info" showIcon title={t("league.quarterNoIndicators")} />
          ) : (
            <div style={{ marginTop: 16 }}>
              <IndicatorTable rows={rows} showBase metricOf={(c) => indicatorInfo(c, scheme).metric} />
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
