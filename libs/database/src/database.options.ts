export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Shown in pg_stat_activity, e.g. "dispatch-admin-api". */
  applicationName?: string;
}
