import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, type FieldError, isUniqueViolation, orNotFound } from '#common';
import { type Db, PrismaService, recordAudit } from '#database';
import { localeRepository } from './locale.repository.js';
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

/** BCP 47-ish: a language, then optional script/region subtags (sr-Latn, pt-BR). */
export const LOCALE_CODE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The site's language editions: one default; right-to-left flagged; each with a PostgreSQL text search configuration. */
@Injectable()
export class LocaleService {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<LocaleView[]> {
    const rows = await localeRepository.list(this.prisma);
    return rows.map(toLocaleView);
  }

  async get(code: string): Promise<LocaleView> {
    return toLocaleView(orNotFound(await localeRepository.find(this.prisma, code), 'Locale'));
  }

  async create(actor: Actor, input: CreateLocaleInput): Promise<LocaleView> {
    if (!LOCALE_CODE.test(input.code)) throw DomainError.validation([{ path: 'code', message: 'must be a language code such as "uk" or "sr-Latn"' }]);
    try {
      return await this.prisma.$transaction(async (tx) => {
        await localeRepository.lockTable(tx);
        await assertFields(tx, input);
        // The first locale is the default whatever was asked.
        const isDefault = (await localeRepository.count(tx)) === 0 || !!input.isDefault;
        if (isDefault) await localeRepository.clearDefault(tx);
        const position = input.position ?? (await localeRepository.nextPosition(tx));
        const row = await localeRepository.create(tx, {
          code: input.code,
          name: input.name.trim(),
          nativeName: input.nativeName.trim(),
          rtl: input.rtl ?? false,
          isDefault,
          searchConfig: input.searchConfig ?? 'simple',
          position,
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
        await localeRepository.lockTable(tx);
        const current = orNotFound(await localeRepository.find(tx, code), 'Locale');
        await assertFields(tx, input);
        if (input.isDefault === false && current.isDefault) {
          throw DomainError.validation([{ path: 'isDefault', message: 'there must be a default locale: make another locale the default instead' }]);
        }
        if (input.isDefault && !current.isDefault) await localeRepository.clearDefault(tx);
        const row = await localeRepository.update(tx, code, {
          name: input.name?.trim(),
          nativeName: input.nativeName?.trim(),
          rtl: input.rtl,
          isDefault: input.isDefault ? true : undefined,
          searchConfig: input.searchConfig,
          position: input.position,
        });
        if (row.searchConfig !== current.searchConfig) await localeRepository.reindex(tx, code);
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
    if (!(await localeRepository.hasSearchConfig(db, input.searchConfig))) {
      errors.push({ path: 'searchConfig', message: `must be one of: ${(await localeRepository.searchConfigs(db)).join(', ')}` });
    }
  }
  if (errors.length) throw DomainError.validation(errors);
}
