import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";

/**
 * Where verification bundles too large to travel through the API are kept: gzipped JSON under immutable,
 * content-addressed keys (`bundles/<county>/<period>/v<version>-<sha256>.json`). In AWS an S3 bucket
 * (infra/lib/constructs/bundle-store.ts) that CloudFront serves at `/bundles/*`; locally a directory under
 * the dev data directory that the HTTP application serves at the same path. A key is written once: a second
 * put of the same key is a no-op, and since the key names the content's digest, it holds the same bytes.
 */
export interface BundleStore {
  /** Keeps `gzip` under `key` unless the key already exists. */
  put(key: string, gzip: Uint8Array): Promise<void>;
  /** The gzipped bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>;
}

/** The URL path prefix bundles are served under; their store keys start with it (without the slash). */
export const BUNDLES_PATH_PREFIX = "/bundles/";

/** The immutable key of one bundle: the version it is of and the SHA-256 of its JSON text. */
export function bundleKey(countyId: string, period: string, version: number, json: string): string {
  const digest = createHash("sha256").update(json).digest("hex");
  return `bundles/${countyId}/${period}/v${version}-${digest}.json`;
}

/** What a key may look like (also guards the local store against paths leaving its directory). */
const KEY =
  /^bundles\/[A-Za-z0-9_-]{1,64}\/\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?\/v[1-9]\d{0,3}-[0-9a-f]{64}\.json$/;
export const isBundleKey = (key: string) => KEY.test(key);

/** The local store: one file per key under `directory`, written through a temporary file and a rename. */
export function directoryBundleStore(directory: string): BundleStore {
  const root = resolve(directory);
  const fileOf = (key: string) => {
    if (!isBundleKey(key)) throw new Error(`not a bundle key: ${key}`);
    const file = resolve(join(root, key));
    if (!file.startsWith(root + sep)) throw new Error(`bundle key leaves the store: ${key}`);
    return file;
  };
  return {
    async put(key, gzip) {
      const file = fileOf(key);
      if (
        await readFile(file).then(
          () => true,
          () => false,
        )
      )
        return;
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, gzip);
      await rename(temporary, file);
    },
    async get(key) {
      if (!isBundleKey(key)) return undefined;
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}

/** The headers a stored bundle carries, as CloudFront serves it from S3 and the dev server from disk. */
export const STORED_BUNDLE_HEADERS = {
  contentType: "application/json; charset=utf-8",
  contentEncoding: "gzip",
  cacheControl: "public, max-age=31536000, immutable",
} as const;

/** The AWS store: the stack's bundle bucket (versioned, encrypted, private; CloudFront reads it). */
export function s3BundleStore(options: { bucket: string; region?: string; client?: S3Client }): BundleStore {
  const client = options.client ?? new S3Client(options.region ? { region: options.region } : {});
  return {
    async put(key, gzip) {
      if (!isBundleKey(key)) throw new Error(`not a bundle key: ${key}`);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key: key,
            Body: gzip,
            // Written once: the key names the content, so an existing object already holds these bytes.
            IfNoneMatch: "*",
            ContentType: STORED_BUNDLE_HEADERS.contentType,
            ContentEncoding: STORED_BUNDLE_HEADERS.contentEncoding,
            CacheControl: STORED_BUNDLE_HEADERS.cacheControl,
            ContentDisposition: `attachment; filename="${key.split("/").slice(1).join("-")}"`,
          }),
        );
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return;
        throw error;
      }
    },
    async get(key) {
      if (!isBundleKey(key)) return undefined;
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
        return out.Body ? await out.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
