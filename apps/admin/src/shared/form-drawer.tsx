import { Button, Drawer, Form, type FormInstance, Grid, Space } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n-provider";

type Props<V> = {
  title: string;
  open: boolean;
  onClose: () => void;
  form: FormInstance<V>;
  onFinish: (values: V) => void;
  submitting: boolean;
  initialValues?: Partial<V>;
  children: ReactNode;
  submitLabel?: string;
};

/** A form in a drawer: full width on a phone, with the buttons always in reach at the bottom. */
export function FormDrawer<V extends object>(p: Props<V>) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      title={p.title}
      open={p.open}
      onClose={p.onClose}
      size={screens.sm ? 480 : "100%"}
      destroyOnHidden
      footer={
        <Space style={{ width: "100%", justifyContent: "flex-end" }}>
          <Button onClick={p.onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={p.submitting} onClick={() => p.form.submit()}>
            {p.submitLabel ?? t("common.save")}
          </Button>
        </Space>
      }
    >
      <Form<V>
        form={p.form}
        layout="vertical"
        onFinish={p.onFinish}
        initialValues={p.initialValues}
        requiredMark="optional"
        preserve={false}
      >
        {p.children}
      </Form>
    </Drawer>
  );
}
