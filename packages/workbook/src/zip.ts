/**
 * Just enough of the ZIP format to read an .xlsx: the central directory, and entries stored (method 0)
 * or deflated (method 8). Deflated entries are inflated by an injected raw inflater when the caller
 * has one (the command line passes node's `zlib.inflateRaw` on the thread pool: one job per part, no
 * stream, no promise per chunk, the parts inflating side by side while the first sheets are read),
 * else by the platform's `DecompressionStream("deflate-raw")`, which Node 20 and every current
 * browser have — native zlib either way, no library to ship. No ZIP64, no encryption, no multi-disk
 * archives: spreadsheet programs write none of these for a workbook of records.
 */

/**
 * Raw deflate (RFC 1951) → bytes, at once or as a promise; throws (or rejects) on corrupt data.
 * `chunkSize`: the entry's size as its ZIP header gives it (within bounds), so that node's zlib
 * (`inflateRawSync`, `inflateRaw`) inflates it into one buffer in one go: its default 16 KB chunks cost a
 * thread-pool round trip and a callback each, and a copy of them all at the end.
 */
export type InflateRaw = (
  data: Uint8Array,
  options: { chunkSize: number },
) => Uint8Array | Promise<Uint8Array>;

/** Bounds of the output chunk asked for: zlib's least, and at most 64 MB whatever a header claims. */
const MIN_CHUNK = 64;
const MAX_CHUNK = 64 * 1_048_576;

/** A ZIP problem, in the words the clerk sees after 「不是有效的 Excel 工作簿（.xlsx）：」. */
export class ZipError extends Error {}

type Entry = { method: number; flags: number; compressedSize: number; size: number; localHeader: number };

export type ZipArchive = {
  /** Entry names as stored, with `\` read as `/`. */
  names: string[];
  /** An entry's text (UTF-8), or undefined when the archive has no such entry (names match ignoring case). */
  text(name: string): Promise<string | undefined>;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function openZip(bytes: Uint8Array, inflateRaw?: InflateRaw): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 8 && view.getUint32(0) === 0xd0cf11e0)
    throw new ZipError("这是旧版 .xls 文件或加了密码的工作簿；请在 Excel 中另存为 .xlsx（不设密码）");
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipError("文件不是 ZIP 压缩包");
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const start = view.getUint32(eocd + 16, true);
  if (count === 0xffff || start === 0xffffffff) throw new ZipError("不支持 ZIP64 压缩包");
  if (start + size > eocd) throw new ZipError("压缩包目录已损坏");

  const utf8 = new TextDecoder();
  const entries = new Map<string, Entry>();
  const lower = new Map<string, string>();
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw new ZipError("压缩包目录已损坏");
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength)).replace(/\\/g, "/");
    entries.set(name, {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localHeader: view.getUint32(p + 42, true),
    });
    lower.set(name.toLowerCase(), name);
    p += 46 + nameLength + extraLength + commentLength;
  }

  return {
    names: [...entries.keys()],
    async text(name) {
      const stored = entries.has(name) ? name : lower.get(name.toLowerCase());
      const entry = stored === undefined ? undefined : entries.get(stored);
      if (!entry) return undefined;
      if (entry.flags & 1) throw new ZipError("工作簿已加密");
      const at = entry.localHeader;
      if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
        throw new ZipError(`压缩包中的「${name}」已损坏`);
      const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
      const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
      if (data.length !== entry.compressedSize) throw new ZipError(`压缩包中的「${name}」不完整`);
      if (entry.method === 0) return utf8.decode(data);
      if (entry.method !== 8) throw new ZipError(`「${name}」使用了不支持的压缩方式（${entry.method}）`);
      try {
        if (!inflateRaw) return await inflateText(data);
        const chunkSize = Math.min(Math.max(entry.size, MIN_CHUNK), MAX_CHUNK);
        return utf8.decode(await inflateRaw(data, { chunkSize }));
      } catch {
        throw new ZipError(`压缩包中的「${name}」已损坏`);
      }
    },
  };
}

/** Raw deflate → UTF-8 text, decoding chunk by chunk as they come out of the platform's zlib. */
async function inflateText(data: Uint8Array): Promise<string> {
  if (typeof DecompressionStream === "undefined")
    throw new ZipError("此环境不支持解压（需要 DecompressionStream）；请使用新版浏览器");
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // Written and closed without awaiting: the reader below drains the output meanwhile.
  const written = writer.write(data as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => {}); // its error also fails the read below, which reports it
  const reader = stream.readable.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  await written;
  return parts.join("");
}
