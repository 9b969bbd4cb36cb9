import type { LeagueRow, LeagueTable, Scheme } from "@pingan/domain";
import { Table, type TableColumnsType, Tag } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { formatScore } from "../format-metric";
import { gradeColor } from "../grade-color";
import { RankChange } from "../rank-change";

/** Loaded on the first click: the scoring engine's gap analysis and the drawer stay off the first load. */
const TownshipDetailDrawer = lazy(() =>
  import("./township-detail-drawer").then((m) => ({ default: m.TownshipDetailDrawer })),
);

type Props = {
  table: LeagueTable;
  /** The scheme the table was scored with: names the indicators and the grade bands. */
  scheme?: Scheme;
};

/** The ranked league table; clicking a township opens its indicators, notes and gaps. */
export function LeagueTableView({ table, scheme }: Props) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<LeagueRow | null>(null);
  // The drawer's chunk loads on the first click and then stays, so closing still animates.
  const [opened, setOpened] = useState(false);
  if (selected && !opened) setOpened(true);

  const columns = useMemo<TableColumnsType<LeagueRow>>(() => {
    const cols: TableColumnsType<LeagueRow> = [
      { title: t("league.rank"), dataIndex: "rank", width: 64, align: "center" },
      {
        title: t("league.change"),
        dataIndex: "rankChange",
        width: 72,
        align: "center",
        render: (v: number) => <RankChange change={v} />,
      },
      {
        title: t("league.township"),
        dataIndex: "name",
        render: (name: string, row) => (
          <a
            href={`#township-${row.townshipId}`}
            onClick={(e) => {
              e.preventDefault();
              setSelected(row);
            }}
          >
            {name}
          </a>
        ),
      },
      {
        title: t("league.total"),
        dataIndex: "total",
        align: "right",
        width: 90,
        render: (v: number) => <strong>{formatScore(v)}</strong>,
      },
      {
        title: t("league.bonus"),
        dataIndex: "bonus",
        align: "right",
        width: 80,
        render: (v: number) => formatScore(v),
      },
    ];
    cols.push({
      title: t("league.grade"),
      dataIndex: "grade",
      width: 160,
      render: (grade: string, row) => (
        <>
          <Tag color={gradeColor(grade, scheme)}>{grade}</Tag>
          {row.vetoed && (
            <Tag color="red" data-testid="veto-tag">
              {t("league.vetoed")}
            </Tag>
          )}
        </>
      ),
    });
    return cols;
  }, [t, scheme]);

  return (
    <>
      <Table<LeagueRow>
        rowKey="townshipId"
        size="middle"
        columns={columns}
        dataSource={table.rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        rowClassName={(row) => (row.vetoed ? "league-row-vetoed" : "")}
        onRow={(row) => ({ onClick: () => setSelected(row), style: { cursor: "pointer" } })}
        locale={{ emptyText: t("league.empty") }}
      />
      {opened && (
        <Suspense fallback={null}>
          <TownshipDetailDrawer
            table={table}
            scheme={scheme}
            row={selected}
            onClose={() => setSelected(null)}
          />
        </Suspense>
      )}
    </>
  );
}
