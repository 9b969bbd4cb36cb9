import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useSession } from "../api/session-provider";
import type { Session } from "../api/token-store";
import { useTRPC } from "../api/trpc";
import { useReturnPath } from "../auth/sign-out";
import { describeError, fieldErrorsOf } from "../errors/error-messages";
import { useI18n } from "../i18n/i18n-provider";
import { Alert, Button, LightPage, TextField } from "../shared/light/controls";
import { homeFor } from "./nav-items";

type Values = { login: string; password: string };
type Field = keyof Values;

/** Built from the light components: the first page most people load carries no antd. */
export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const trpc = useTRPC();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const [values, setValues] = useState<Values>({ login: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const mutation = useMutation(
    trpc.auth.signIn.mutationOptions({
      meta: { silent: true },
      onSuccess: (data: Session) => {
        signIn(data);
        navigate(returnPath(data.user, homeFor(data.user.role)), { replace: true });
      },
      onError: (err) => {
        const byField = fieldErrorsOf(err);
        setFieldErrors({ login: byField.login?.[0], password: byField.password?.[0] });
      },
    }),
  );
  const failure = mutation.error ? describeError(mutation.error, locale) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    for (const f of ["login", "password"] as const) if (!values[f].trim()) missing[f] = t("signIn.required");
    setFieldErrors(missing);
    if (Object.keys(missing).length === 0) mutation.mutate(values);
  };
  const field = (name: Field) => ({
    value: values[name],
    error: fieldErrors[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setValues((v) => ({ ...v, [name]: e.target.value }));
      setFieldErrors((f) => ({ ...f, [name]: undefined }));
    },
  });

  return (
    <LightPage
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "#f5f7fa",
        padding: 16,
      }}
    >
      <main className="lt-card" style={{ width: "100%", maxWidth: 380, padding: 24 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8 }}>
          <h1 className="lt-title" style={{ margin: 0 }}>
            {t("signIn.title")}
          </h1>
          <Button kind="text" small onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}>
            {t("app.switchLanguage")}
          </Button>
        </div>
        {failure && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            title={failure.title}
            description={failure.hint}
            data-testid="sign-in-error"
          />
        )}
        <form style={{ marginTop: 16 }} onSubmit={submit} noValidate>
          <TextField label={t("signIn.account")} autoComplete="username" {...field("login")} />
          <TextField
            label={t("signIn.password")}
            type="password"
            autoComplete="current-password"
            {...field("password")}
          />
          <Button kind="primary" type="submit" block busy={mutation.isPending}>
            {t("signIn.submit")}
          </Button>
        </form>
        <div style={{ marginTop: 16, textAlign: "center" }}>
          <Link to="/register" className="lt-link">
            {t("signIn.register")}
          </Link>
        </div>
      </main>
    </LightPage>
  );
}
