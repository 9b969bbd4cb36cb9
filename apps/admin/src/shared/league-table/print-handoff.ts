import type { ExportInput } from "./export-meta";

const KEY = "pingan.print";

/** The print view is its own page; the table travels to it through this tab's session storage. */
export function handOffForPrint(input: ExportInput & { returnTo: string }): void {
  sessionStorage.setItem(KEY, JSON.stringify(input));
}

export function takePrintInput(): (ExportInput & { returnTo: string }) | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ExportInput & { returnTo: string };
  } catch {
    return null;
  }
}
