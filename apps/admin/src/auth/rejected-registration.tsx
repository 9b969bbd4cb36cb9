import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Result } from "antd";
import { useState } from "react";
import type { RouterOutputs } from "../api/router-types";
import { useTRPC } from "../api/trpc";
import { applyFieldErrors } from "../errors/form-errors";
import { useI18n } from "../i18n/i18n-provider";
import { TownshipFields } from "../shared/township-fields";

type Township = NonNullable<RouterOutputs["auth"]["me"]["township"]>;
type Values = { name: string; code: string; population: number; villages: number; grids: number };

/**
 * What a township admin sees when the county rejected the registration: the reason, and the next step —
 * correct the details and send them again, after which the township waits for the county once more.
 */
export function RejectedRegistration({
  township,
  canResubmit,
}: {
  township: Township;
  canResubmit: boolean;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const resubmit = useMutation(
    trpc.onboarding.resubmitTownship.mutationOptions({
      onSuccess: () => {
        message.success(t("register.resubmitted"));
        void qc.invalidateQueries(trpc.auth.me.pathFilter());
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  const result = (
    <Result
      status="error"
      title={t("register.rejectedTitle", { name: township.name })}
      subTitle={t("register.rejectedReason", { reason: township.rejectReason ?? "—" })}
      extra={
        canResubmit ? (
          !editing && (
            <Button type="primary" onClick={() => setEditing(true)}>
              {t("register.correct")}
            </Button>
          )
        ) : (
          <span>{t("register.askAdmin")}</span>
        )
      }
    />
  );
  if (!editing) return result;
  return (
    <>
      {result}
      <Card title={t("register.correctTitle")} style={{ maxWidth: 560, margin: "0 auto" }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={township}
          onFinish={(v) =>
            resubmit.mutate({ townshipId: township.id, expectedVersion: township.version, ...v })
          }
        >
          <TownshipFields />
          <Button type="primary" htmlType="submit" loading={resubmit.isPending}>
            {t("register.resubmit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
