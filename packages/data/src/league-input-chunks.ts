import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Db } from "./db";
import { MalformedItemError } from "./item-schema";
import { getItem } from "./read";
import { stampNew, type WriteContext } from "./write";

/**
 * A published table's inputs at any size: the scoring data's JSON, gzipped, cut into chunks that each
 * fit in one item (DynamoDB's 400 KB, base64 included), each stored under the county's partition keyed
 * by the sha256 of its bytes. The chunks are put before the publishing transaction (idempotently: the
 * same bytes have the same key), and the table item lists their digests in order, so a publish that
 * fails after the chunks leaves no table, only chunks nothing refers to.
 */

/** Bytes of gzip per chunk: 280,000 bytes are 373,336 base64 characters, well under an item's 400 KB. */
export const INPUT_CHUNK_BYTES = 280_000;

/** Chunks written or read at once (Lambda has few sockets to spare). */
const CONCURRENCY = 4;

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The stored form of scoring data: its JSON (in the order it was built), gzipped. */
export const gzipInputs = (data: unknown): Buffer => gzipSync(JSON.stringify(data));

/** `bytes` cut into pieces of at most `size` bytes (one empty piece for no bytes). */
export function splitChunks(bytes: Uint8Array, size = INPUT_CHUNK_BYTES): Buffer[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) return [buffer];
  const chunks: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += size) chunks.push(buffer.subarray(at, at + size));
  return chunks;
}

async function eachLimited<T, R>(items: T[], run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await run(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

const isConditionFailure = (error: unknown) =>
  (error as { name?: string })?.name === "ConditionalCheckFailedException" ||
  String((error as { message?: string })?.message).includes("conditional request failed");

/**
 * Puts `bytes` as chunks of the county and answers their digests in order. A chunk already stored (same
 * digest, so the same bytes) is left as it is: writing the same inputs twice is harmless.
 */
export async function writeInputChunks(
  db: Db,
  wctx: WriteContext,
  countyId: string,
  bytes: Uint8Array,
  size = INPUT_CHUNK_BYTES,
): Promise<string[]> {
  const chunks = splitChunks(bytes, size);
  return eachLimited(chunks, async (chunk) => {
    const digest = sha256Hex(chunk);
    try {
      await db.entities.leagueInputChunk
        .create(stampNew(wctx, { countyId, digest, bytes: chunk.toString("base64") }))
        .go({ response: "none" });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return digest;
  });
}

/** The county's chunks joined in the order given, each checked against its digest. */
export async function readInputChunks(db: Db, countyId: string, digests: string[]): Promise<Buffer> {
  const parts = await eachLimited(digests, async (digest) => {
    const item = await getItem(db, "leagueInputChunk", { countyId, digest });
    if (!item || item.countyId !== countyId)
      throw new MalformedItemError(`league input chunk ${digest} of county ${countyId} is missing`);
    const bytes = Buffer.from(item.bytes, "base64");
    if (sha256Hex(bytes) !== digest)
      throw new MalformedItemError(
        `league input chunk ${digest} of county ${countyId} does not match its digest`,
      );
    return bytes;
  });
  return Buffer.concat(parts);
}
