import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useI18n } from "../../i18n/i18n-provider";

/** Removes one row of a list in the scheme editor; `besideLabel` lines it up with labelled fields. */
export function RemoveRowButton({
  onClick,
  besideLabel = false,
}: {
  onClick: () => void;
  besideLabel?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Button
      type="text"
      danger
      icon={<MinusCircleOutlined />}
      aria-label={t("scheme.remove")}
      onClick={onClick}
      style={besideLabel ? { marginTop: 30 } : undefined}
    />
  );
}

/** Adds a row to a list in the scheme editor. */
export function AddRowButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={onClick}>
      {t("scheme.add")}
    </Button>
  );
}
