import modelScheme from "@pingan/data/model-scheme.json";

const KEY = "pingan.schemeDraft";

/** The model scheme (示范细则) every county starts from. */
export function modelSchemeDraft(): unknown {
  return structuredClone(modelScheme);
}

/** The editor keeps the draft in this browser until it is saved to the county. */
export const schemeDraftStore = {
  load(): unknown {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as unknown) : modelSchemeDraft();
    } catch {
      return modelSchemeDraft();
    }
  },
  save(draft: unknown): void {
    try {
      localStorage.setItem(KEY, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the draft lives as long as the page.
    }
  },
};
