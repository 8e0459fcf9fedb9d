import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, type FieldError, isUniqueViolation } from '#common';
import { type Db, PrismaService, recordAudit } from '#database';
import { toLocaleView, type LocaleView } from './taxonomy.mapper.js';
import { notifyTaxonomyChange } from './taxonomy-notices.js';

export interface CreateLocaleInput {
  code: string;
  name: string;
  nativeName: string;
  rtl?: boolean;
  isDefault?: boolean;
  searchConfig?: string;
  position?: number;
}

export type UpdateLocaleInput = Partial<Omit<CreateLocaleInput, 'code'>>;

/** Serialises changes to the locale table, so exactly one locale stays the default. */
const LOCALE_LOCK = 0x10ca_1e01;

/** BCP 47-ish: a language, then optional script/region subtags (sr-Latn, pt-BR). */
export const LOCALE_CODE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The site's language editions: one default; right-to-left flagged; each with a PostgreSQL text search configuration. */
@Injectable()
export class LocaleService {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<LocaleView[]> {
    const rows = await this.prisma.locale.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] });
    return rows.map(toLocaleView);
  }

  async get(code: string): Promise<LocaleView> {
    const row = await this.prisma.locale.findUnique({ where: { code } });
    if (!row) throw DomainError.notFound('Locale');
    return toLocaleView(row);
  }

  async create(actor: Actor, input: CreateLocaleInput): Promise<LocaleView> {
    if (!LOCALE_CODE.test(input.code)) throw DomainError.validation([{ path: 'code', message: 'must be a language code such as "uk" or "sr-Latn"' }]);
    try {
      return await this.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCALE_LOCK})`;
        await assertFields(tx, input);
        const count = await tx.locale.count();
        // The first locale is the default whatever was asked.
        const isDefault = count === 0 || !!input.isDefault;
        if (isDefault) await tx.locale.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
        const last = await tx.locale.aggregate({ _max: { position: true } });
        const row = await tx.locale.create({
          data: {
            code: input.code,
            name: input.name.trim(),
            nativeName: input.nativeName.trim(),
            rtl: input.rtl ?? false,
            isDefault,
            searchConfig: input.searchConfig ?? 'simple',
            position: input.position ?? (last._max.position ?? -1) + 1,
          },
        });
        await recordAudit(tx, actor, { action: 'locale.created', entityType: 'locale', entityId: row.code, data: { ...toLocaleView(row) } });
        await notifyTaxonomyChange(tx, row.code);
        return toLocaleView(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `Locale ${input.code} already exists`, { errors: [{ path: 'code', message: 'exists' }] });
      throw error;
    }
  }

  /**
   * Updates a locale. Making one the default unsets the previous default;
   * unsetting the default is refused (choose another default instead). A new
   * search configuration re-indexes that locale's live articles.
   */
  async update(actor: Actor, code: string, input: UpdateLocaleInput): Promise<LocaleView> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCALE_LOCK})`;
        const current = await tx.locale.findUnique({ where: { code } });
        if (!current) throw DomainError.notFound('Locale');
        await assertFields(tx, input);
        if (input.isDefault === false && current.isDefault) {
          throw DomainError.validation([{ path: 'isDefault', message: 'there must be a default locale: make another locale the default instead' }]);
        }
        if (input.isDefault && !current.isDefault) await tx.locale.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
        const row = await tx.locale.update({
          where: { code },
          data: {
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.nativeName !== undefined ? { nativeName: input.nativeName.trim() } : {}),
            ...(input.rtl !== undefined ? { rtl: input.rtl } : {}),
            ...(input.isDefault ? { isDefault: true } : {}),
            ...(input.searchConfig !== undefined ? { searchConfig: input.searchConfig } : {}),
            ...(input.position !== undefined ? { position: input.position } : {}),
          },
        });
        if (row.searchConfig !== current.searchConfig) await reindex(tx, code);
        await recordAudit(tx, actor, {
          action: 'locale.updated',
          entityType: 'locale',
          entityId: code,
          data: { before: { ...toLocaleView(current) }, after: { ...toLocaleView(row) } },
        });
        await notifyTaxonomyChange(tx, code);
        return toLocaleView(row);
      },
      { timeout: 60_000 },
    );
  }
}

async function assertFields(db: Db, input: UpdateLocaleInput): Promise<void> {
  const errors: FieldError[] = [];
  if (input.name !== undefined && !input.name.trim()) errors.push({ path: 'name', message: 'must not be empty' });
  if (input.nativeName !== undefined && !input.nativeName.trim()) errors.push({ path: 'nativeName', message: 'must not be empty' });
  if (input.searchConfig !== undefined) {
    const known = await db.$queryRaw<{ cfgname: string }[]>`SELECT cfgname::text FROM pg_ts_config WHERE cfgname = ${input.searchConfig}`;
    if (known.length === 0) {
      const all = await db.$queryRaw<{ cfgname: string }[]>`SELECT cfgname::text FROM pg_ts_config ORDER BY cfgname`;
      errors.push({ path: 'searchConfig', message: `must be one of: ${all.map((c) => c.cfgname).join(', ')}` });
    }
  }
  if (errors.length) throw DomainError.validation(errors);
}

/** Rebuilds the search vectors of a locale's live articles with its (new) configuration; the weights match the publisher's. */
async function reindex(db: Db, code: string): Promise<void> {
  await db.$executeRaw`
    UPDATE published_article p SET search_vector =
      setweight(to_tsvector(cfg.config, p.headline), 'A') ||
      setweight(to_tsvector(cfg.config, coalesce(p.summary->>'standfirst', '')), 'B') ||
      setweight(to_tsvector(cfg.config, p.search_text), 'C')
    FROM (SELECT search_config::regconfig AS config FROM locale WHERE code = ${code}) cfg
    WHERE p.locale = ${code}`;
}
