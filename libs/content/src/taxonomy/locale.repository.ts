import type { Db, Locale } from '#database';
import type { LocaleView } from './taxonomy.mapper.js';

/** A locale's columns, as use cases write them. */
export type LocaleFields = LocaleView;

/** Serialises changes to the locale table, so exactly one locale stays the default. */
const LOCALE_LOCK = 0x10ca_1e01;

/** The configured language editions, and the search configurations PostgreSQL offers them. */
export const localeRepository = {
  /** Every locale, in the site's order (position, then code). */
  async list(db: Db): Promise<Locale[]> {
    return db.locale.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] });
  },

  async find(db: Db, code: string): Promise<Locale | null> {
    return db.locale.findUnique({ where: { code } });
  },

  async exists(db: Db, code: string): Promise<boolean> {
    return !!(await db.locale.findUnique({ where: { code }, select: { code: true } }));
  },

  /** The codes of every configured locale. */
  async codes(db: Db): Promise<Set<string>> {
    return new Set((await db.locale.findMany({ select: { code: true } })).map((locale) => locale.code));
  },

  /** The default locale's code, or null when no locale is configured. */
  async defaultCode(db: Db): Promise<string | null> {
    const locale = await db.locale.findFirst({ where: { isDefault: true }, select: { code: true } });
    return locale?.code ?? null;
  },

  /** Serialises changes to the locale table until the transaction ends. */
  async lockTable(db: Db): Promise<void> {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(${LOCALE_LOCK})`;
  },

  async count(db: Db): Promise<number> {
    return db.locale.count();
  },

  /** The position after the last locale. */
  async nextPosition(db: Db): Promise<number> {
    const last = await db.locale.aggregate({ _max: { position: true } });
    return (last._max.position ?? -1) + 1;
  },

  /** No locale is the default any more (the caller is about to name one). */
  async clearDefault(db: Db): Promise<void> {
    await db.locale.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
  },

  async create(db: Db, fields: LocaleFields): Promise<Locale> {
    return db.locale.create({ data: fields });
  },

  /** Writes the fields given; an undefined field stays as it is. */
  async update(db: Db, code: string, fields: Partial<Omit<LocaleFields, 'code'>>): Promise<Locale> {
    return db.locale.update({ where: { code }, data: fields });
  },

  /** Whether PostgreSQL has this text search configuration. */
  async hasSearchConfig(db: Db, name: string): Promise<boolean> {
    const known = await db.$queryRaw<{ cfgname: string }[]>`SELECT cfgname::text FROM pg_ts_config WHERE cfgname = ${name}`;
    return known.length > 0;
  },

  /** Every text search configuration PostgreSQL has, by name. */
  async searchConfigs(db: Db): Promise<string[]> {
    const all = await db.$queryRaw<{ cfgname: string }[]>`SELECT cfgname::text FROM pg_ts_config ORDER BY cfgname`;
    return all.map((config) => config.cfgname);
  },

  /** Rebuilds the search vectors of a locale's live articles with its (new) configuration; the weights match the publisher's. */
  async reindex(db: Db, code: string): Promise<void> {
    await db.$executeRaw`
      UPDATE published_article p SET search_vector =
        setweight(to_tsvector(cfg.config, p.headline), 'A') ||
        setweight(to_tsvector(cfg.config, coalesce(p.summary->>'standfirst', '')), 'B') ||
        setweight(to_tsvector(cfg.config, p.search_text), 'C')
      FROM (SELECT search_config::regconfig AS config FROM locale WHERE code = ${code}) cfg
      WHERE p.locale = ${code}`;
  },
};
