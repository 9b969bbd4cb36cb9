import {
  checkItems,
  DataError,
  type Db,
  type ItemOf,
  stampNew,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { parseScheme, type Scheme, type ValidationIssue } from "@pingan/domain";
import { AppError } from "../errors";

/**
 * A county's year schemes (考核细则): every save adds a version, earlier versions stay readable, and a
 * stored body is validated by the domain again when read (never cast).
 */

export const schemeId = (countyId: string, year: number) => `${countyId}-${year}`;

/** A scheme the domain refused; `issues` feed the error formatter's per-field messages. */
export class SchemeInvalidError extends AppError {
  readonly issues: { message: string; path: (string | number)[] }[];
  constructor(validation: ValidationIssue[], root = "scheme") {
    const issues = validation.map((i) => ({
      message: i.messageZh.startsWith(i.path) ? i.messageZh : `${i.path}：${i.messageZh}`,
      path: [root, ...splitPath(i.path)],
    }));
    super("SCHEME.INVALID", issues[0]?.message ?? "考核细则不符合要求", { issues });
    this.issues = issues;
  }
}

/** "indicators[3].base.target" → ["indicators", 3, "base", "target"]. */
function splitPath(path: string): (string | number)[] {
  if (path === "(root)") return [];
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Validates a scheme body for a county and year, stamping the identity fields the server owns. */
export function validateScheme(
  body: Record<string, unknown>,
  countyId: string,
  year: number,
  version: number,
): Scheme {
  const result = parseScheme({ ...body, id: schemeId(countyId, year), countyId, year, version });
  if (!result.ok) throw new SchemeInvalidError(result.issues);
  return result.value;
}

export type StoredScheme = { item: ItemOf<"scheme">; scheme: Scheme };

function fromItem(item: ItemOf<"scheme">): StoredScheme {
  const result = parseScheme(item.body);
  if (!result.ok)
    throw new Error(`stored scheme ${item.countyId}/${item.year}/${item.schemeVersion} is invalid`);
  return { item, scheme: result.value };
}

/** Every version of every year of a county, newest first (one query on the county's partition). */
export async function listSchemes(db: Db, countyId: string): Promise<ItemOf<"scheme">[]> {
  const { data } = await db.entities.scheme.query.byYear({ countyId }).go({ pages: "all", order: "desc" });
  // The data layer keeps the tenant: nothing from another county can come back from this key.
  return checkItems(db, "scheme", data).filter((s) => s.countyId === countyId);
}

/** One version, or the newest of the year. */
export async function getScheme(
  db: Db,
  countyId: string,
  year: number,
  version?: number,
): Promise<StoredScheme | undefined> {
  const query =
    version === undefined
      ? db.entities.scheme.query.byYear({ countyId, year })
      : db.entities.scheme.query.byYear({ countyId, year, schemeVersion: version });
  const { data } = await query.go({ order: "desc", limit: 1 });
  const [item] = checkItems(db, "scheme", data);
  if (!item || item.countyId !== countyId || item.year !== year) return undefined;
  if (version !== undefined && item.schemeVersion !== version) return undefined;
  // A stored version is never overwritten (a change adds one): its body is validated once per process.
  const id = [db.tableName, countyId, year, item.schemeVersion, item.version, item.updatedAt].join("|");
  const kept = parsedSchemes.get(id);
  if (kept) return { item, scheme: kept };
  const stored = fromItem(item);
  if (parsedSchemes.size >= 500) parsedSchemes.delete(parsedSchemes.keys().next().value as string);
  parsedSchemes.set(id, stored.scheme);
  return stored;
}

/** Validated scheme versions (by table, county, year and version): shared, never to be mutated. */
const parsedSchemes = new Map<string, Scheme>();

export const noScheme = (year: number) =>
  new AppError("NOT_FOUND", `${year} 年度尚未制定考核细则，请县委政法委先保存考核细则`);

export async function requireScheme(
  db: Db,
  countyId: string,
  year: number,
  version?: number,
): Promise<StoredScheme> {
  const found = await getScheme(db, countyId, year, version);
  if (!found) throw noScheme(year);
  return found;
}

/** A scheme is one item, and DynamoDB items stop at 400 KB. */
const MAX_SCHEME_BYTES = 300_000;

const schemeConflict = () =>
  new DataError("CONFLICT", "scheme version taken", "考核细则已被他人修改，请刷新后在最新版本上修改");

/**
 * Saves the next version of a county's year scheme. `expectedVersion` is the newest version the editor
 * saw (0 for the first): if someone saved in between, the create's condition fails and it is a CONFLICT.
 */
export async function saveScheme(
  db: Db,
  wctx: WriteContext,
  input: {
    countyId: string;
    year: number;
    expectedVersion: number;
    body: Record<string, unknown>;
    note?: string;
  },
): Promise<StoredScheme> {
  const version = input.expectedVersion + 1;
  const latest = await getScheme(db, input.countyId, input.year);
  if ((latest?.item.schemeVersion ?? 0) !== input.expectedVersion) {
    throw schemeConflict();
  }
  const scheme = validateScheme(input.body, input.countyId, input.year, version);
  if (Buffer.byteLength(JSON.stringify(scheme)) > MAX_SCHEME_BYTES) {
    throw new AppError("INPUT.INVALID", "「考核细则」内容过大（超过 300 KB），请精简指标说明");
  }
  const item = stampNew(wctx, {
    countyId: input.countyId,
    year: input.year,
    schemeVersion: version,
    name: scheme.name,
    body: scheme,
    note: input.note,
  }) as ItemOf<"scheme">;
  await writeTransaction(
    db,
    [
      tx.create(db, "scheme", item),
      tx.audit(db, wctx, {
        scope: `C#${input.countyId}`,
        action: "scheme.save",
        entityType: "scheme",
        entityId: `${schemeId(input.countyId, input.year)}@${version}`,
        before: latest ? { version: latest.item.schemeVersion } : undefined,
        after: { version, name: scheme.name, indicators: scheme.indicators.length },
        reason: input.note,
      }),
    ],
    (index) => (index === 0 ? schemeConflict() : undefined),
  );
  return { item, scheme };
}
