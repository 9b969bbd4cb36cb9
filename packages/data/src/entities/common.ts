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
