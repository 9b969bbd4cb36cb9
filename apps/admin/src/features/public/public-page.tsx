import type { LeagueRow } from "@pingan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { useTRPC } from "../../api/trpc";
import { describeError } from "../../errors/error-messages";
import { useI18n } from "../../i18n/i18n-provider";
import { showInstant } from "../../shared/instant";
import { bundleUrl } from "../../shared/league-table/bundle-url";
import type { ExportInput } from "../../shared/league-table/export-meta";
import { useLeagueExport } from "../../shared/league-table/use-league-export";
import { Alert, Button, ButtonLink, LightPage, Select, Spinner, Tag } from "../../shared/light/controls";
import { newestFirst, periodLabel } from "../../shared/period-label";
import { PublicLeagueTable } from "./public-league-table";
import { PublicTownshipDetail } from "./public-township-detail";

/** Excel, CSV and print, as light buttons. */
function ExportButtons(input: ExportInput) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const { busy, excel, csv, print } = useLeagueExport(input, () => setFailed(true));
  return (
    <>
      <Button busy={busy} onClick={() => void excel()}>
        {t("export.excel")}
      </Button>
      <Button onClick={() => void csv()}>{t("export.csv")}</Button>
      <Button onClick={print}>{t("export.print")}</Button>
      {failed && <Alert type="error" title={t("export.failed")} />}
    </>
  );
}

/**
 * A county's published league tables, for anyone, without signing in; laid out for a phone first and
 * built from the light components, so that it loads without antd. Opens on the newest period published.
 */
export default function PublicPage() {
  const { countyId = "" } = useParams();
  const trpc = useTRPC();
  const { t, locale, setLocale } = useI18n();
  const periods = useQuery({ ...trpc.public.periods.queryOptions({ countyId }), meta: { silent: true } });
  const published = newestFirst(
    [...new Map((periods.data?.published ?? []).map((p) => [p.period, p])).values()],
    (p) => p.period,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen ?? published[0]?.period ?? null;
  const table = useQuery({
    ...trpc.public.leagueTable.queryOptions({ countyId, period: period ?? "2026" }),
    enabled: period !== null,
    meta: { silent: true },
  });
  const [open, setOpen] = useState<LeagueRow | null>(null);
  const county = periods.data?.county;
  const failure = periods.error ?? table.error;
  const data = table.data;

  return (
    <LightPage style={{ maxWidth: 960, margin: "0 auto", padding: 12 }}>
      <div className="lt-no-print" style={{ textAlign: "right" }}>
        <Button kind="text" small onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}>
          {t("app.switchLanguage")}
        </Button>
      </div>
      <h1 className="lt-title" style={{ textAlign: "center", marginTop: 0 }}>
        {county ? t("public.countyTitle", { county: county.name }) : t("public.title")}
      </h1>
      {failure ? (
        <Alert
          type="error"
          title={describeError(failure, locale).title}
          description={describeError(failure, locale).hint}
          data-testid="public-error"
        />
      ) : periods.isPending ? (
        <div style={{ textAlign: "center", margin: 48 }}>
          <Spinner label={t("app.loading")} />
        </div>
      ) : published.length === 0 ? (
        <p className="lt-muted" style={{ textAlign: "center", fontSize: 14, margin: 48 }}>
          {t("public.empty")}
        </p>
      ) : (
        <>
          <Select
            style={{ maxWidth: 280, marginBottom: 12 }}
            value={period ?? ""}
            onChange={(p) => {
              setChosen(p);
              setOpen(null);
            }}
            options={published.map((p) => ({ value: p.period, label: periodLabel(p.period, locale) }))}
            label={t("public.period")}
          />
          {table.isPending && (
            <div style={{ textAlign: "center", margin: 24 }}>
              <Spinner label={t("app.loading")} />
            </div>
          )}
          {data && county && (
            <section className="lt-card">
              <div className="lt-card-head">
                <span data-testid="public-period">{periodLabel(data.period, locale)}</span>
                <Tag color="blue">{t("public.version", { n: data.version })}</Tag>
                <span className="lt-muted">
                  {t("public.publishedAt", { at: showInstant(data.publishedAt) })}
                </span>
              </div>
              <div className="lt-card-body">
                {data.reason && (
                  <Alert
                    style={{ marginBottom: 12 }}
                    type="info"
                    title={t("public.correction", { reason: data.reason })}
                  />
                )}
                <PublicLeagueTable table={data.table} onOpen={setOpen} />
                <div className="lt-row lt-no-print" style={{ marginTop: 12 }}>
                  <ButtonLink
                    href={bundleUrl(countyId, data.period, data.version)}
                    download
                    title={t("public.bundleHint")}
                  >
                    {t("public.bundle")}
                  </ButtonLink>
                  <ExportButtons
                    table={data.table}
                    meta={{
                      countyName: county.name,
                      version: data.version,
                      date: data.publishedAt,
                      ...(data.reason ? { correctionReason: data.reason } : {}),
                    }}
                  />
                </div>
              </div>
            </section>
          )}
          {open && data && (
            <PublicTownshipDetail
              row={open}
              period={data.period}
              scheme={data.scheme}
              onClose={() => setOpen(null)}
            />
          )}
        </>
      )}
    </LightPage>
  );
}
