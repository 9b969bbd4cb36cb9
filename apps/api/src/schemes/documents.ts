import { modelScheme2026 as modelScheme } from "@pingan/data";
import type { Scheme } from "@pingan/domain";
import { AppError } from "../errors";
import type { StoredScheme } from "./scheme-store";

/** What the API answers for a saved scheme version. */
export const schemeView = ({ item, scheme }: StoredScheme) => ({
  year: item.year,
  version: item.schemeVersion,
  name: item.name,
  note: item.note ?? null,
  createdAt: item.createdAt,
  createdBy: item.createdBy,
  scheme,
});

/** A copy of the model scheme without the identity the server assigns. */
export function modelBody(): Record<string, unknown> {
  const { id: _id, countyId: _c, year: _y, version: _v, ...body } = structuredClone(modelScheme);
  return body;
}

/** The scheme as a JSON document, to keep or to edit elsewhere. */
export const schemeDocument = (scheme: Scheme) => ({
  fileName: `考核细则-${scheme.year}-v${scheme.version}.json`,
  json: JSON.stringify(scheme, null, 2),
});

/** The body of an imported JSON document (its identity fields are replaced when it is saved). */
export function parseSchemeDocument(json: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    throw new AppError("INPUT.INVALID", "「细则文件」不是有效的 JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("INPUT.INVALID", "「细则文件」应为一个考核细则对象");
  }
  return body as Record<string, unknown>;
}
