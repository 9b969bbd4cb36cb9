import { type KeyPersonCategoryDef, VISIT_PERIODS } from "@pingan/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import { useEffect } from "react";
import { useTRPC } from "../../api/trpc";
import { applyFieldErrors } from "../../errors/form-errors";
import { useI18n } from "../../i18n/i18n-provider";

type Values = { categories: KeyPersonCategoryDef[] };

/**
 * 重点人员类别: the county's own key-person categories with their visit frequencies (n a month or n a
 * quarter). Townships register people only under these; scoring and the lights follow the frequencies.
 */
export function KeyPersonCategoriesCard() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const county = useQuery(trpc.counties.mine.queryOptions());
  const current = county.data?.keyPersonCategories;
  useEffect(() => {
    if (current) form.setFieldsValue({ categories: current });
  }, [current, form]);
  const save = useMutation(
    trpc.counties.setKeyPersonCategories.mutationOptions({
      onSuccess: () => {
        message.success(t("settings.categoriesSaved"));
        void qc.invalidateQueries(trpc.counties.mine.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const perOptions = VISIT_PERIODS.map((p) => ({ value: p, label: t(`settings.per.${p}`) }));

  return (
    <Card title={t("settings.categoriesTitle")} data-testid="key-person-categories">
      <Typography.Paragraph type="secondary">{t("settings.categoriesExplain")}</Typography.Paragraph>
      <Form<Values>
        form={form}
        onFinish={(v) =>
          county.data && save.mutate({ categories: v.categories ?? [], expectedVersion: county.data.version })
        }
      >
        <Form.List name="categories">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, "name"]}
                    rules={[{ required: true, message: t("settings.categoryNameRequired") }]}
                  >
                    <Input placeholder={t("settings.categoryName")} maxLength={30} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "code"]}
                    rules={[
                      {
                        required: true,
                        pattern: /^[a-z][a-z0-9_]{1,39}$/,
                        message: t("settings.categoryCodeRule"),
                      },
                    ]}
                  >
                    <Input placeholder={t("settings.categoryCode")} maxLength={40} style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, "per"]}>
                    <Select options={perOptions} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "times"]}
                    rules={[
                      { required: true, type: "integer", min: 1, max: 31, message: t("settings.timesRule") },
                    ]}
                  >
                    <InputNumber addonAfter={t("settings.times")} style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t("settings.removeCategory")}
                  </Button>
                </Space>
              ))}
              <Form.Item>
                <Button onClick={() => add({ per: "month", times: 1 })}>{t("settings.addCategory")}</Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t("settings.saveCategories")}
        </Button>
      </Form>
    </Card>
  );
}
