import type { LeagueRow, LeagueTable } from "@pingan/domain";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../../shared/format-metric";
import { gradeColor } from "../../shared/grade-color";
import { Tag } from "../../shared/light/controls";
import { type Column, Table } from "../../shared/light/table";

/** ↑ rose, ↓ fell, — unchanged; the number says by how many places. */
function RankChange({ change }: { change: number }) {
  const { locale } = useI18n();
  const en = locale === "en";
  if (change > 0)
    return (
      <span className="lt-up" role="img" aria-label={en ? `up ${change}` : `上升${change}位`}>
        ↑{change}
      </span>
    );
  if (change < 0)
    return (
      <span className="lt-down" role="img" aria-label={en ? `down ${-change}` : `下降${-change}位`}>
        ↓{-change}
      </span>
    );
  return (
    <span className="lt-muted" role="img" aria-label={en ? "unchanged" : "持平"}>
      —
    </span>
  );
}

/**
 * The public's league table, narrow enough for a phone of 360 px: rank, change, township, total and
 * 等次 (never clipped); a township opens its detail.
 */
export function PublicLeagueTable({
  table,
  onOpen,
}: {
  table: LeagueTable;
  onOpen: (row: LeagueRow) => void;
}) {
  const { t } = useI18n();
  const columns: Column<LeagueRow>[] = [
    { key: "rank", title: t("league.rank"), align: "center", nowrap: true, render: (r) => r.rank },
    {
      key: "change",
      title: t("league.change"),
      align: "center",
      nowrap: true,
      render: (r) => <RankChange change={r.rankChange} />,
    },
    {
      key: "name",
      title: t("league.township"),
      render: (r) => (
        <a
          className="lt-link"
          href={`#township-${r.townshipId}`}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            onOpen(r);
          }}
        >
          {r.name}
        </a>
      ),
    },
    {
      key: "total",
      title: t("league.total"),
      align: "right",
      nowrap: true,
      render: (r) => <strong>{formatScore(r.total)}</strong>,
    },
    {
      key: "grade",
      title: t("league.grade"),
      render: (r) => (
        <>
          <Tag color={gradeColor(r.grade)}>{r.grade}</Tag>
          {r.vetoed && (
            <Tag color="red" data-testid="veto-tag">
              {t("league.vetoed")}
            </Tag>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<LeagueRow>
      data-testid="public-league-table"
      columns={columns}
      rows={table.rows}
      rowKey={(r) => r.townshipId}
      onRowClick={onOpen}
      empty={t("league.empty")}
    />
  );
}
