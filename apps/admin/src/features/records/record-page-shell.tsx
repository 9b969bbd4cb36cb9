import { PlusOutlined } from "@ant-design/icons";
import { Button, Empty, Flex, List, Space, Spin, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import type { RecordList } from "./record-hooks";

type Props<T> = {
  title: string;
  addLabel?: string;
  onAdd?: () => void;
  filters?: ReactNode;
  list: RecordList<T>;
  renderItem: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  children?: ReactNode;
};

/** A records page: title, add button, filters and a list that reads well at 390 px and on a desktop. */
export function RecordPageShell<T>(p: Props<T>) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {p.title}
        </Typography.Title>
        {p.onAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={p.onAdd}>
            {p.addLabel}
          </Button>
        )}
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
        <List
          bordered
          style={{ background: "#fff" }}
          dataSource={p.list.items}
          rowKey={p.rowKey}
          renderItem={p.renderItem}
          loadMore={
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
      {p.children}
    </Space>
  );
}
