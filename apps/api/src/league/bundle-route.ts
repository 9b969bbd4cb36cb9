import { gunzipSync, gzipSync } from "node:zlib";
import {
  type Db,
  type ItemOf,
  type PublishedBundle,
  type PublishedInputs,
  publishedBody,
  publishedBundleOf,
  publishedInputs,
  publishedVersion,
} from "@pingan/data";
import {
  type Data,
  type Dispute,
  type EventRecord,
  type Incident,
  type KeyPerson,
  type LeagueTable,
  type ManualScore,
  type Petition,
  parsePeriod,
  type Scheme,
  type Township,
  type Visit,
} from "@pingan/domain";
import type { Context, Hono } from "hono";
import { getScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import { BUNDLES_PATH_PREFIX, bundleKey, isBundleKey, STORED_BUNDLE_HEADERS } from "./bundle-store";
import { inputsDigest, yearOf } from "./county-scoring";

/**
 * The verification bundle (scoring.md §9): a published version with everything it was scored from, served
 * without signing in at `GET /published/<countyId>/<period>/<version>/bundle.json`, so anyone can re-score
 * it with `cli verify --bundle`. It is built from the published table item and its stored inputs only (never
 * from live records), under the county's own keys, and carries ids, instants, levels, flags, counts,
 * populations and township names and codes: each record is rebuilt field by field from scoring.md §2, so
 * nothing else stored with it (a name, a phone, free text) can reach the file.
 */

export const BUNDLE_FORMAT = "pingan-verify/1";
export const BUNDLE_PATH = "/published/:countyId/:period/:version/bundle.json";

export type VerificationBundle = {
  format: typeof BUNDLE_FORMAT;
  countyId: string;
  period: string;
  version: number;
  /** The instant the table was published and scored at (its `asOf`). */
  publishedAt: string;
  /** Present only if the table was scored as of another instant than the one it was published at. */
  asOf?: string;
  scheme: Scheme;
  data: Data;
  table: LeagueTable;
};

/** `value` with only the keys listed, in that order, leaving out those it does not have. */
function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out;
}

const TOWNSHIP: readonly (keyof Township)[] = [
  "id",
  "name",
  "code",
  "population",
  "populationHistory",
  "memberFrom",
];
const DISPUTE: readonly (keyof Dispute)[] = [
  "id",
  "townshipId",
  "level",
  "reportedAt",
  "attempts",
  "closedAt",
  "outcome",
  "attemptLevels",
];
const PETITION: readonly (keyof Petition)[] = [
  "id",
  "townshipId",
  "receivedAt",
  "skipLevel",
  "collective",
  "firstHandledAt",
  "closedAt",
  "settled",
];
const INCIDENT: readonly (keyof Incident)[] = ["id", "townshipId", "occurredAt", "kind", "severity"];
const KEY_PERSON: readonly (keyof KeyPerson)[] = [
  "id",
  "townshipId",
  "category",
  "registeredAt",
  "deregisteredAt",
  "visitsPerMonth",
  "visitsPerQuarter",
];
const VISIT: readonly (keyof Visit)[] = ["id", "townshipId", "keyPersonId", "at"];
const EVENT: readonly (keyof EventRecord)[] = ["id", "townshipId", "kind", "occurredAt", "count"];
const MANUAL_SCORE: readonly (keyof ManualScore)[] = ["townshipId", "period", "indicator", "score"];

/** The scoring data as scoring.md §2 defines it, and nothing else: every record rebuilt from its fields. */
export function bundleData(data: Data): Data {
  const list = <T extends object>(items: T[] | undefined, keys: readonly (keyof T)[]) =>
    (items ?? []).map((item) => pick(item, keys));
  return {
    county: { id: data.county.id, name: data.county.name },
    townships: data.townships.map((t) => ({
      ...pick(t, TOWNSHIP),
      ...(t.populationHistory
        ? { populationHistory: t.populationHistory.map((p) => ({ from: p.from, population: p.population })) }
        : {}),
    })),
    disputes: list(data.disputes, DISPUTE),
    petitions: list(data.petitions, PETITION),
    incidents: list(data.incidents, INCIDENT),
    keyPersons: list(data.keyPersons, KEY_PERSON),
    visits: list(data.visits, VISIT),
    events: list(data.events, EVENT),
    manualScores: list(data.manualScores, MANUAL_SCORE),
  };
}

export type BundleResult =
  | { ok: true; bundle: VerificationBundle }
  | { ok: false; status: 404 | 410; messageZh: string };

const NOT_FOUND = { ok: false, status: 404, messageZh: "未找到该县该期该版本的已发布排名" } as const;

/**
 * The bundle of a published version from what it was published with: the table item, its stored (or just
 * scored) inputs and its scheme version. Publishing builds it from what it scored, the route from what was
 * stored; both give the same bundle, since the stored inputs are the scored data as JSON.
 */
export function bundleOf(
  item: ItemOf<"leagueTable">,
  inputs: PublishedInputs,
  scheme: Scheme,
  data: Data,
): VerificationBundle {
  const table = publishedBody(item);
  const { countyId, period } = item;
  const asOf = inputs.asOf ?? undefined;
  if (data.county.id !== countyId || table.countyId !== countyId || table.period !== period)
    throw new Error(
      `published table ${countyId}/${period}@${item.tableVersion} holds another county or period`,
    );
  const publishedAt = item.createdAt;
  return {
    format: BUNDLE_FORMAT,
    countyId,
    period,
    version: item.tableVersion,
    publishedAt,
    ...(asOf !== undefined && asOf !== Date.parse(publishedAt) ? { asOf: new Date(asOf).toISOString() } : {}),
    scheme,
    data: bundleData(data),
    table: {
      countyId: table.countyId,
      period: table.period,
      schemeId: table.schemeId,
      schemeVersion: table.schemeVersion,
      rows: table.rows,
    },
  };
}

/** A bundle as it is kept and served: its JSON text, gzipped, under its immutable key. */
export function encodeBundle(bundle: VerificationBundle): {
  json: string;
  gzip: Uint8Array;
  ref: PublishedBundle;
} {
  const json = JSON.stringify(bundle);
  const gzip = new Uint8Array(gzipSync(json));
  return {
    json,
    gzip,
    ref: {
      key: bundleKey(bundle.countyId, bundle.period, bundle.version, json),
      gzipBytes: gzip.byteLength,
      jsonBytes: Buffer.byteLength(json),
    },
  };
}

/**
 * The bundle of one published version of the county's table, or why there is none. Reads only the
 * published table item, its inputs and its scheme version, all under the county's partition.
 */
export async function readBundle(
  db: Db,
  countyId: string,
  period: string,
  version: number,
  found?: ItemOf<"leagueTable">,
): Promise<BundleResult> {
  const item = found ?? (await publishedVersion(db, countyId, period, version));
  // A table published to the county's officials only is not the public's until made public.
  if (!item || item.visibility === "internal") return NOT_FOUND;
  const { inputs, data } = await publishedInputs(db, item);
  if (!data)
    return {
      ok: false,
      status: 410,
      messageZh: "该版本发布时未保存完整的计分数据，无法提供核验包",
    };
  const stored = await getScheme(db, countyId, yearOf(period), inputs.schemeVersion);
  if (!stored) throw new Error(`scheme ${countyId}/${yearOf(period)}@${inputs.schemeVersion} is missing`);
  const asOf = inputs.asOf ?? undefined;
  // The stored inputs must be exactly what was scored (same digest) and the county's own.
  if (inputsDigest(stored.scheme, data, period, asOf) !== inputs.digest)
    throw new Error(`stored inputs of ${countyId}/${period}@${version} do not match their digest`);
  return { ok: true, bundle: bundleOf(item, inputs, stored.scheme, data) };
}

const IMMUTABLE = "public, max-age=31536000, immutable";
/** An answer that may change (a version not yet published) is cached briefly, never forever. */
const SHORT = "public, max-age=60";

function notFound(c: Context, status: 404 | 410, messageZh: string) {
  c.header("Cache-Control", status === 404 ? SHORT : "public, max-age=3600");
  return c.json({ error: { code: "NOT_FOUND", message: messageZh } }, status);
}

/** Serves gzipped bytes: as they are to a client that accepts gzip, else unzipped. */
function sendGzip(c: Context, gzip: Uint8Array) {
  c.header("Vary", "Accept-Encoding");
  if (/\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "")) {
    c.header("Content-Encoding", "gzip");
    return c.body(new Uint8Array(gzip));
  }
  return c.body(new Uint8Array(gunzipSync(gzip)));
}

/**
 * Mounts `GET /published/<countyId>/<period>/<version>/bundle.json` on the HTTP application, and
 * `GET /bundles/<key>` serving the bundle store (in AWS CloudFront serves that path from the bucket itself;
 * locally and behind the API alone this route does).
 *
 * A version published with the store has its bundle's key and size on its table item: a bundle of at most
 * `bundleInlineMaxBytes` gzipped is read from the store and answered directly; a larger one is redirected
 * (302, itself immutable) to its `/bundles/…` path, since a Lambda behind API Gateway answers at most 6 MB:
 * on the public site's origin when configured (`publicSiteOrigin`), else relative.
 * A version published before the store is rebuilt from its stored inputs; a large one is then kept in the
 * store and redirected like the others.
 */
export function mountBundleRoute(app: Hono, getServices: () => Promise<Services>) {
  app.get(BUNDLE_PATH, async (c) => {
    const { countyId, period, version } = c.req.param();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(countyId) || !parsePeriod(period) || !/^[1-9]\d{0,3}$/.test(version))
      return notFound(c, 404, NOT_FOUND.messageZh);
    const services = await getServices();
    const item = await publishedVersion(services.db, countyId, period, Number(version));
    // A version published to the county's officials only is not the public's until made public (a short
    // cache, since it may become public).
    if (!item || item.visibility === "internal") return notFound(c, 404, NOT_FOUND.messageZh);
    let ref = publishedBundleOf(item);
    let gzip: Uint8Array | undefined;
    if (ref && ref.gzipBytes <= services.bundleInlineMaxBytes) gzip = await services.bundleStore.get(ref.key);
    if (!ref || (!gzip && ref.gzipBytes <= services.bundleInlineMaxBytes)) {
      const result = await readBundle(services.db, countyId, period, Number(version), item);
      if (!result.ok) return notFound(c, result.status, result.messageZh);
      const encoded = encodeBundle(result.bundle);
      ref = encoded.ref;
      gzip = encoded.gzip;
      if (ref.gzipBytes > services.bundleInlineMaxBytes) await services.bundleStore.put(ref.key, gzip);
    }
    c.header("Cache-Control", IMMUTABLE);
    // Absolute to the public site when it is known (CloudFront serves /bundles/* there, API Gateway does
    // not); relative on the one origin that serves both (locally, or through CloudFront).
    if (ref.gzipBytes > services.bundleInlineMaxBytes || !gzip)
      return c.redirect(`${services.publicSiteOrigin ?? ""}/${ref.key}`, 302);
    c.header("Content-Type", "application/json; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="bundle-${countyId}-${period}-v${version}.json"`);
    return sendGzip(c, gzip);
  });

  app.get(`${BUNDLES_PATH_PREFIX}*`, async (c) => {
    const key = c.req.path.slice(1);
    const services = await getServices();
    const gzip = isBundleKey(key) ? await services.bundleStore.get(key) : undefined;
    if (!gzip) return notFound(c, 404, NOT_FOUND.messageZh);
    c.header("Cache-Control", STORED_BUNDLE_HEADERS.cacheControl);
    c.header("Content-Type", STORED_BUNDLE_HEADERS.contentType);
    c.header("Content-Disposition", `attachment; filename="${key.split("/").slice(1).join("-")}"`);
    return sendGzip(c, gzip);
  });
}
