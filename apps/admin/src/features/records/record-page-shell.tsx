import { PlusOutlined } from "@ant-design/icons";
import type { ImportKind } from "@pingan/contracts";
import { Button, Empty, Flex, Segmented, Space, Spin, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { FormDrawer } from "../../shared/form-drawer";
import { ItemList } from "../../shared/item-list";
import { ExportRecordsButton } from "../../shared/records-workbook";
import type { CreateRecord, RecordList } from "./record-hooks";

/** The page's add drawer: the hook's state, its title, first values and the record's own fields. */
type Add<V> = { form: CreateRecord<V>; title: string; initialValues?: Partial<V>; fields: ReactNode };

type Props<T, V> = {
  title: string;
  addLabel?: string;
  add?: Add<V>;
  /** The kinds 「导出」 writes as the record workbook (named after the title). */
  exportTypes?: readonly ImportKind[];
  filters?: ReactNode;
  list: RecordList<T>;
  renderItem: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  children?: ReactNode;
};

/** A records page: title, add button and drawer, filters and a list that reads well at 390 px and on a desktop. */
export function RecordPageShell<T, V extends object = object>(p: Props<T, V>) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {p.title}
        </Typography.Title>
        <Flex wrap gap={8}>
          {p.exportTypes && <ExportRecordsButton types={p.exportTypes} name={p.title} />}
          {p.add && (
            <Button type="primary" icon={<PlusOutlined />} onClick={p.add.form.show}>
              {p.addLabel}
            </Button>
          )}
        </Flex>
      </Flex>
      {p.filters && (
        <Flex wrap gap={8}>
          {p.filters}
        </Flex>
      )}
      {p.list.loading ? (
        <Spin />
      ) : p.list.items.length === 0 ? (
        <Empty description={t("records.empty")} />
      ) : (
        <ItemList
          items={p.list.items}
          rowKey={p.rowKey}
          renderItem={p.renderItem}
          footer={
            p.list.hasMore ? (
              <div style={{ textAlign: "center", margin: 12 }}>
                <Button onClick={p.list.onMore} loading={p.list.loadingMore}>
                  {t("records.loadMore")}
                </Button>
              </div>
            ) : null
          }
        />
      )}
      {p.add && (
        <FormDrawer<V> title={p.add.title} {...p.add.form.drawer} initialValues={p.add.initialValues}>
          {p.add.fields}
        </FormDrawer>
      )}
      {p.children}
    </Space>
  );
}

export type OpenClosed = "all" | "open" | "closed";

/** The 全部 / 未办结 / 已办结 switch of the record lists whose records close (disputes, petitions). */
export function OpenClosedFilter(p: { value: OpenClosed; onChange: (v: OpenClosed) => void }) {
  const { t } = useI18n();
  return (
    <Segmented
      value={p.value}
      onChange={(v) => p.onChange(v as OpenClosed)}
      options={[
        { value: "all", label: t("records.status.all") },
        { value: "open", label: t("records.status.open") },
        { value: "closed", label: t("records.status.closed") },
      ]}
    />
  );
}
