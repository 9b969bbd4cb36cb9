import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inflateRaw } from "node:zlib";
import type { InflateRaw } from "@pingan/workbook";

/** The files the command line reads, injected so that tests can replace single files. */
export type CliIo = {
  readText(path: string): string;
  readBytes(path: string): Uint8Array;
  isDirectory(path: string): boolean;
  /** The file names (not paths) in a folder. */
  list(path: string): string[];
  /**
   * A raw inflater for .xlsx parts: node's zlib, one thread-pool job per part (no stream as in the
   * fallback) into one buffer of the part's size, so the parts inflate side by side while the first
   * sheets are read.
   */
  inflateRaw?: InflateRaw;
};

export const nodeIo: CliIo = {
  readText: (path) => readFileSync(path, "utf8"),
  readBytes: (path) => new Uint8Array(readFileSync(path)),
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  list: (path) => readdirSync(path),
  inflateRaw: (data, options) =>
    new Promise((resolve, reject) => inflateRaw(data, options, (e, out) => (e ? reject(e) : resolve(out)))),
};

/** The node file system with some files replaced (by path) with the given text. */
export function withFiles(files: Record<string, string | Uint8Array>): CliIo {
  const bytes = (v: string | Uint8Array) => (typeof v === "string" ? new TextEncoder().encode(v) : v);
  return {
    readText: (p) => {
      const f = files[p];
      return f === undefined ? nodeIo.readText(p) : typeof f === "string" ? f : new TextDecoder().decode(f);
    },
    readBytes: (p) => (files[p] === undefined ? nodeIo.readBytes(p) : bytes(files[p] as string | Uint8Array)),
    isDirectory: (p) => {
      const prefix = p.endsWith("/") ? p : `${p}/`;
      return Object.keys(files).some((k) => k.startsWith(prefix)) || nodeIo.isDirectory(p);
    },
    list: (p) => {
      const prefix = p.endsWith("/") ? p : `${p}/`;
      const own = Object.keys(files)
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length));
      return own.length ? own : nodeIo.list(p);
    },
    inflateRaw: nodeIo.inflateRaw,
  };
}

export { join };
