/** Attributes every stored record carries: an optimistic-concurrency version and who touched it when. */
export const trackedAttributes = {
  version: { type: "number", required: true },
  createdAt: { type: "string", required: true },
  createdBy: { type: "string", required: true },
  updatedAt: { type: "string", required: true },
  updatedBy: { type: "string", required: true },
} as const;

/** Township records are never removed, only marked, so the audit trail and published scores stay explainable. */
export const softDeleteAttributes = {
  deletedAt: { type: "string" },
  deletedBy: { type: "string" },
} as const;

export const SERVICE = "pingan";

/**
 * Where a record came from and where the township files it, when it was imported from a workbook
 * (shared/spec/import.md): the source system's 编号 and the 村（社区）/网格/责任人 names as given. The
 * township's organisation (villages, grids, people) does not exist yet; a later change links the names.
 * `source` marks what the county imported from its other systems (the file's name).
 */
export const importedAttributes = {
  sourceId: { type: "string" },
  /** Set when the county imported the record: the name of the file it came from (信访, 12345 …). */
  source: { type: "string" },
  village: { type: "string" },
  grid: { type: "string" },
  responsible: { type: "string" },
} as const;

/**
 * Where a record is filed in the township's organisation (issue 14): a village and a grid of it, its
 * 责任人 (from the chain grid's 网格员 → village's 包村干部 unless named) and, for red disputes and
 * petitions, its 包案领导. Ids of the township's own villages, grids and staff; all optional.
 */
export const filedAttributes = {
  villageId: { type: "string" },
  gridId: { type: "string" },
  responsibleId: { type: "string" },
  caseLeaderId: { type: "string" },
} as const;
