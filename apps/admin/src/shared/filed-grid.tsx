import { Form, Select } from "antd";
import { useEffect, useRef } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../i18n/i18n-provider";
import { useGridOptions } from "./grid-options";

/**
 * Where a record page's records are filed (issue 14), as the disputes page does it: the 所属网格 field of
 * the add form (the record's 村（社区） and 责任人 follow from the grid on the server) and the list filter.
 */
export function FiledGridField({ townshipId }: { townshipId: string }) {
  const { t } = useI18n();
  const grids = useGridOptions(townshipId);
  return (
    <Form.Item name="gridId" label={t("org.filedGrid")}>
      <Select allowClear showSearch={{ optionFilterProp: "label" }} options={grids.filing} />
    </Form.Item>
  );
}

export function FiledGridFilter(p: {
  townshipId: string;
  value: string | undefined;
  onChange: (gridId: string | undefined) => void;
}) {
  const { t } = useI18n();
  const grids = useGridOptions(p.townshipId);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      placeholder={t("org.filedGrid")}
      style={{ width: 180 }}
      value={p.value}
      onChange={p.onChange}
      options={grids.filter}
      aria-label={t("org.filedGrid")}
    />
  );
}

/** The link a grid worker's home gives to record in a grid: `<page>?gridId=<id>&add=1`. */
export const recordInGrid = (path: string, gridId: string) =>
  `${path}?${new URLSearchParams({ gridId, add: "1" }).toString()}`;

/**
 * The grid a page was opened for (recordInGrid): preselected in its add form, whose drawer opens once
 * when the link asks for it.
 */
export function useLinkedGrid(show: () => void): string | undefined {
  const [params] = useSearchParams();
  const gridId = params.get("gridId") ?? undefined;
  const add = params.get("add") === "1";
  const opened = useRef(false);
  useEffect(() => {
    if (add && !opened.current) {
      opened.current = true;
      show();
    }
  }, [add, show]);
  return gridId;
}
