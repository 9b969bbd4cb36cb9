import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { IMPORT_KINDS, type ImportRowInput, type ImportRowResult, MAX_EXPORT_PAGE } from "@pingan/contracts";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Progress,
  Segmented,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useRef, useState } from "react";
import { useSession } from "../../api/session-provider";
import { useTRPC, useTRPCClient } from "../../api/trpc";
import { describeError } from "../../errors/error-messages";
import { useI18n } from "../../i18n/i18n-provider";
import { downloadBlob } from "../../shared/download-file";
import { chinaDay, countyVocabularies, useRecordsExport, XLSX_TYPE } from "../../shared/records-workbook";
import {
  type ChosenFile,
  type CommitTotals,
  type CountRow,
  commitAll,
  countsBySheetAndTownship,
  type ImportApi,
  isCsv,
  isXlsx,
  type ListedError,
  listedErrorsOf,
  previewAll,
  type ReadNotes,
  readChosen,
} from "./import-run";

/** How many years back (this one included) an imported file's 纪实 items are named by the county's schemes. */
const IMPORT_YEARS = 5;

type Township = { id: string; code: string; name: string };

type Phase =
  | { step: "idle" }
  | { step: "reading" }
  | { step: "errors"; errors: ListedError[] }
  | { step: "previewing"; done: number; total: number }
  | { step: "preview"; results: ImportRowResult[] }
  | { step: "committing"; results: ImportRowResult[]; done: number; total: number }
  | { step: "done"; totals: CommitTotals & { lockedRows: ImportRowResult[] } }
  | { step: "failed"; results: ImportRowResult[]; message: string };

/** The file being imported: its name and digest, the rows read from it, and what the reader noticed. */
type Loaded = { fileName: string; digest: string; rows: ImportRowInput[]; notes: ReadNotes };

/** Which townships the signed-in admin may import into: its own, or every active one of the county. */
function useScope(): { county: boolean; townships: Township[] | undefined } {
  const trpc = useTRPC();
  const user = useSession().session?.user;
  const county = user?.role === "county_admin";
  const own = useQuery({
    ...trpc.onboarding.township.queryOptions({ townshipId: user?.townshipId ?? "" }),
    enabled: !county && !!user?.townshipId,
  });
  const all = useQuery({
    ...trpc.onboarding.listTownships.queryOptions({ status: "active" }),
    enabled: county,
  });
  const townships = county ? all.data : own.data ? [own.data] : undefined;
  return { county, townships: townships?.map((t) => ({ id: t.id, code: t.code, name: t.name })) };
}

/** 导入导出: records in by workbook (checked whole, previewed, imported in batches) and out again. */
export default function ImportPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const client = useTRPCClient();
  const { county, townships } = useScope();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  const names = useMemo(() => new Map((townships ?? []).map((x) => [x.code, x.name])), [townships]);
  const townshipId = townships?.[0]?.id ?? "";
  const api: ImportApi = county
    ? {
        preview: (rows, pendingKeyPersons) =>
          client.imports.previewCounty.mutate({ rows, pendingKeyPersons }),
        commit: (rows, file) => client.imports.commitCounty.mutate({ ...file, rows }),
      }
    : {
        preview: (rows, pendingKeyPersons) =>
          client.imports.preview.mutate({ townshipId, rows, pendingKeyPersons }),
        commit: (rows, file) => client.imports.commit.mutate({ townshipId, ...file, rows }),
      };
  const say = (e: unknown) => describeError(e, locale).title;

  /** Key persons already recorded in the townships: a visit in the file may name one. */
  const storedKeyPersons = async (list: Township[]) => {
    const out: string[] = [];
    for (const tw of list) {
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof client.imports.export.query>> =
          await client.imports.export.query({
            townshipId: tw.id,
            type: "keyPerson",
            cursor,
            limit: MAX_EXPORT_PAGE,
          });
        for (const r of page.rows) out.push(`${r.townshipCode}/${r.sourceId}`);
        cursor = page.cursor;
      } while (cursor);
    }
    return out;
  };

  /**
   * The county's vocabularies, read through a township of the scope: its key-person categories and the
   * 纪实 items of its scheme of each of the last IMPORT_YEARS years, as a county bringing in its 台账
   * reaches back (an item only an older scheme had is named by that scheme).
   */
  const vocabularies = (list: Township[]) => {
    const year = new Date().getFullYear();
    const years = Array.from({ length: IMPORT_YEARS }, (_, i) => year - i);
    return countyVocabularies(client, list[0]?.id, years);
  };

  const choose = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (input.current) input.current.value = "";
    if (files.length === 0 || !townships) return;
    const xlsx = files.length === 1 && isXlsx(files[0]?.name ?? "");
    if (!xlsx && !files.every((f) => isCsv(f.name))) {
      message.error(t("import.mixed"));
      return;
    }
    setLoaded(null);
    setPhase({ step: "reading" });
    try {
      const chosen: ChosenFile[] = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const read = await readChosen(chosen, {
        townshipCodes: townships.map((x) => x.code),
        knownKeyPersons: await storedKeyPersons(townships),
        ...(await vocabularies(townships)),
      });
      if (!read.ok) {
        setLoaded({ fileName: read.fileName, digest: read.digest, rows: [], notes: read.notes });
        setPhase({ step: "errors", errors: read.errors });
        return;
      }
      setLoaded(read);
      setPhase({ step: "previewing", done: 0, total: read.rows.length });
      const results = await previewAll(api, read.rows, (done, total) =>
        setPhase({ step: "previewing", done, total }),
      );
      const refused = listedErrorsOf(results);
      setPhase(refused.length > 0 ? { step: "errors", errors: refused } : { step: "preview", results });
    } catch (e) {
      setPhase({ step: "failed", results: [], message: say(e) });
    }
  };

  const confirm = async (results: ImportRowResult[]) => {
    if (!loaded) return;
    setPhase({ step: "committing", results, done: 0, total: 0 });
    try {
      const totals = await commitAll(
        api,
        loaded.rows,
        results,
        { fileName: loaded.fileName, fileDigest: loaded.digest },
        (done, total) => setPhase({ step: "committing", results, done, total }),
      );
      setPhase({ step: "done", totals });
    } catch (e) {
      setPhase({ step: "failed", results, message: say(e) });
    }
  };

  const template = async () => {
    const { writeTemplate } = await import("@pingan/workbook");
    downloadBlob(new Blob([(await writeTemplate()) as BlobPart], { type: XLSX_TYPE }), "导入模板.xlsx");
  };

  const busy = phase.step === "reading" || phase.step === "previewing" || phase.step === "committing";
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("import.title")}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void template()}>
          {t("import.template")}
        </Button>
      </Flex>
      <Alert
        type="info"
        showIcon
        title={t("import.intro")}
        description={t("import.resume")}
        data-testid="import-intro"
      />
      {townships && (
        <Typography.Text>
          {county
            ? t("import.scopeCounty", { count: townships.length })
            : t("import.scopeTownship", { name: townships[0]?.name ?? "", code: townships[0]?.code ?? "" })}
        </Typography.Text>
      )}
      <Flex align="center" gap={8} wrap>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv"
          multiple
          hidden
          data-testid="import-file"
          onChange={(e) => void choose(e.target.files)}
        />
        <Button
          type="primary"
          icon={<UploadOutlined />}
          disabled={busy || !townships}
          onClick={() => input.current?.click()}
        >
          {t("import.choose")}
        </Button>
        <Typography.Text type="secondary">{t("import.chooseHint")}</Typography.Text>
      </Flex>
      {loaded && <FileFacts loaded={loaded} />}
      {phase.step === "reading" && <Alert type="info" title={t("import.reading")} />}
      {phase.step === "previewing" && (
        <Progress
          percent={phase.total ? Math.floor((phase.done / phase.total) * 100) : 0}
          status="active"
          format={() => t("import.previewing", { done: phase.done, total: phase.total })}
        />
      )}
      {phase.step === "errors" && <ErrorList errors={phase.errors} />}
      {(phase.step === "preview" || phase.step === "committing" || phase.step === "failed") &&
        phase.results.length > 0 && (
          <PreviewView
            results={phase.results}
            names={names}
            busy={busy}
            onConfirm={phase.step === "preview" ? () => void confirm(phase.results) : undefined}
          />
        )}
      {phase.step === "committing" && (
        <Card title={t("import.running")}>
          <Progress
            data-testid="import-progress"
            percent={phase.total ? Math.floor((phase.done / phase.total) * 100) : 0}
            format={(p) => `${p}%`}
            status="active"
          />
        </Card>
      )}
      {phase.step === "failed" && (
        <Alert type="error" showIcon title={t("import.failed", { message: phase.message })} />
      )}
      {phase.step === "done" && <DoneView totals={phase.totals} names={names} />}
      <ExportCard county={county} townshipId={townshipId} />
    </Space>
  );
}

function FileFacts({ loaded }: { loaded: Loaded }) {
  const { t } = useI18n();
  const { unknownSheets, unknownColumns } = loaded.notes;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{t("import.file", { name: loaded.fileName })}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("import.digest", { digest: loaded.digest })}
      </Typography.Text>
      {unknownSheets.length > 0 && (
        <Typography.Text type="secondary">
          {t("import.unknownSheets", { names: unknownSheets.join("、") })}
        </Typography.Text>
      )}
      {unknownColumns.length > 0 && (
        <Typography.Text type="secondary">
          {t("import.unknownColumns", {
            list: unknownColumns.map((u) => `${u.sheet}：${u.columns.join("、")}`).join("；"),
          })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Every error of the file: nothing was written. */
export function ErrorList({ errors }: { errors: ListedError[] }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert type="error" showIcon title={t("import.errorsTitle", { count: errors.length })} />
      <Table<ListedError & { key: number }>
        data-testid="import-errors"
        size="small"
        bordered
        rowKey="key"
        dataSource={errors.map((e, key) => ({ ...e, key }))}
        pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        columns={[
          { title: t("import.col.sheet"), dataIndex: "sheet", width: 110 },
          { title: t("import.col.row"), dataIndex: "row", width: 70 },
          { title: t("import.col.column"), dataIndex: "column", width: 140 },
          { title: t("import.col.message"), dataIndex: "message" },
        ]}
      />
    </Space>
  );
}

/** The preview: counts per sheet and township, the locked rows and why, and the confirmation. */
export function PreviewView({
  results,
  names,
  busy,
  onConfirm,
}: {
  results: ImportRowResult[];
  names: ReadonlyMap<string, string>;
  busy: boolean;
  onConfirm?: () => void;
}) {
  const { t } = useI18n();
  const counts = countsBySheetAndTownship(results);
  const sum = (k: "new" | "changed" | "unchanged" | "locked") => counts.reduce((s, c) => s + c[k], 0);
  const writes = sum("new") + sum("changed");
  const locked = results.filter((r) => r.status === "locked");
  return (
    <Card title={t("import.previewTitle")} data-testid="import-preview">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text data-testid="import-preview-summary">
          {t("import.previewSummary", {
            total: results.length,
            new: sum("new"),
            changed: sum("changed"),
            unchanged: sum("unchanged"),
            locked: sum("locked"),
          })}
        </Typography.Text>
        <CountTable counts={counts} names={names} />
        {locked.length > 0 && <LockedTable rows={locked} names={names} />}
        {writes === 0 ? (
          <Alert type="success" showIcon title={t("import.nothingToDo")} />
        ) : (
          onConfirm && (
            <Button type="primary" loading={busy} onClick={onConfirm}>
              {t("import.confirmWrites", { count: writes })}
            </Button>
          )
        )}
      </Space>
    </Card>
  );
}

function CountTable({ counts, names }: { counts: CountRow[]; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  return (
    <Table<CountRow>
      data-testid="import-counts"
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={counts}
      columns={[
        { title: t("import.col.sheet"), dataIndex: "sheet" },
        {
          title: t("import.col.township"),
          dataIndex: "townshipCode",
          render: (code: string) => `${names.get(code) ?? ""}（${code}）`,
        },
        { title: t("import.col.new"), dataIndex: "new", align: "right" },
        { title: t("import.col.changed"), dataIndex: "changed", align: "right" },
        { title: t("import.col.unchanged"), dataIndex: "unchanged", align: "right" },
        { title: t("import.col.locked"), dataIndex: "locked", align: "right" },
      ]}
    />
  );
}

function LockedTable({ rows, names }: { rows: ImportRowResult[]; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert type="warning" showIcon title={t("import.lockedTitle", { count: rows.length })} />
      <Table<ImportRowResult>
        data-testid="import-locked"
        size="small"
        rowKey={(r) => `${r.type}/${r.townshipCode}/${r.sourceId}`}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={rows}
        columns={[
          { title: t("import.col.row"), dataIndex: "row", width: 70 },
          { title: t("import.col.id"), dataIndex: "sourceId" },
          {
            title: t("import.col.township"),
            dataIndex: "townshipCode",
            render: (code: string) => names.get(code) ?? code,
          },
          { title: t("import.col.months"), dataIndex: "months", render: (m?: string[]) => m?.join("、") },
          { title: t("import.col.why"), dataIndex: "messages", render: (m?: string[]) => m?.join("；") },
        ]}
      />
    </Space>
  );
}

function DoneView({
  totals,
  names,
}: {
  totals: CommitTotals & { lockedRows: ImportRowResult[] };
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("import.done")} data-testid="import-done">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Progress percent={100} format={(p) => `${p}%`} data-testid="import-progress" />
        <Flex gap={32} wrap>
          <Statistic title={t("import.col.new")} value={totals.created} />
          <Statistic title={t("import.col.changed")} value={totals.updated} />
          <Statistic title={t("import.col.unchanged")} value={totals.unchanged} />
          <Statistic title={t("import.col.locked")} value={totals.locked} />
        </Flex>
        <Typography.Text data-testid="import-done-summary">
          {t("import.doneSummary", {
            created: totals.created,
            updated: totals.updated,
            unchanged: totals.unchanged,
            locked: totals.locked,
          })}
        </Typography.Text>
        {totals.lockedRows.length > 0 && <LockedTable rows={totals.lockedRows} names={names} />}
      </Space>
    </Card>
  );
}

/** Export in the workbook format: a township's records, or a county's of a month or a year. */
function ExportCard({ county, townshipId }: { county: boolean; townshipId: string }) {
  const { t } = useI18n();
  const client = useTRPCClient();
  const [kind, setKind] = useState<"month" | "year">("month");
  const [day, setDay] = useState(() => dayjs().subtract(1, "month"));
  const { busy, run: download } = useRecordsExport();
  const period = kind === "year" ? day.format("YYYY") : day.format("YYYY-MM");
  const run = () =>
    download(
      (type, cursor) =>
        county
          ? client.imports.exportCounty.query({ period, type, cursor, limit: MAX_EXPORT_PAGE })
          : client.imports.export.query({ townshipId, type, cursor, limit: MAX_EXPORT_PAGE }),
      IMPORT_KINDS,
      county ? `记录-${period}.xlsx` : `记录-${chinaDay()}.xlsx`,
      townshipId || undefined,
    );
  return (
    <Card title={t("import.exportTitle")}>
      <Space orientation="vertical">
        <Typography.Text type="secondary">
          {county ? t("import.exportCountyIntro") : t("import.exportIntro")}
        </Typography.Text>
        <Flex gap={8} wrap align="center">
          {county && (
            <>
              <Segmented<"month" | "year">
                value={kind}
                onChange={setKind}
                options={[
                  { value: "month", label: t("import.periodMonth") },
                  { value: "year", label: t("import.periodYear") },
                ]}
              />
              <DatePicker picker={kind} value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
            </>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={busy}
            disabled={!county && !townshipId}
            onClick={() => void run()}
            data-testid="export-records"
          >
            {t("recordExport.records")}
          </Button>
        </Flex>
      </Space>
    </Card>
  );
}
