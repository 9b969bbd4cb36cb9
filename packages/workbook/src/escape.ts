/**
 * OWASP CSV injection: a cell that starts with = + - @ tab or CR may be run as a formula by a
 * spreadsheet. Every text cell the product writes goes through this; the reader strips the quote again
 * (see `unescapeSpreadsheetCell`), so export → import is a round trip.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function escapeSpreadsheetCell(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

/** The reader's inverse: `'=1` (as this product writes it) reads as `=1`; other text is unchanged. */
export function unescapeSpreadsheetCell(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 && DANGEROUS.test(value.slice(1))
    ? value.slice(1)
    : value;
}
