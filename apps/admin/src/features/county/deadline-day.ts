const CST_MS = 8 * 3600_000;

/** The month before the one `now` falls in (China Standard Time), as YYYY-MM: the month due next. */
export function monthDue(now = new Date()): string {
  const cst = new Date(now.getTime() + CST_MS);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The instant month `YYYY-MM` ends (CST). */
function monthEnd(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return Date.UTC(y, m, 1) - CST_MS;
}

/** The calendar day (CST) by whose end `month` is due: year, month and day of the following month. */
export function dueDate(month: string, day: number): { year: number; month: number; day: number } {
  const d = new Date(monthEnd(month) + CST_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day };
}
