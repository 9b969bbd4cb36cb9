import type { LeagueTable, Scheme } from "@pingan/domain";

/** What a table needs to stand on its own outside the app: whose it is, which period, which version. */
export type ExportMeta = {
  countyName: string;
  /** The publication version; absent for a table not yet published. */
  version?: number;
  /** ISO date of publication or of the export. */
  date: string;
  /** Why a corrected version was published. */
  correctionReason?: string;
};

export type ExportInput = { table: LeagueTable; meta: ExportMeta; scheme?: Scheme };
