import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { slugify } from '../../libs/content/src/shared/slug.js';
import { CORPUS, CREDITS, TOWNS, FIRST_NAMES, LAST_NAMES, PHOTOGRAPHERS, PLACES, SECTION_TREE, TOPICS } from './corpus.js';
import { progress } from './bench-db.js';

export interface BenchSeedOptions {
  articles: number;
  /** Articles per transaction. */
  batchSize?: number;
  /** Draw a progress bar on stderr. */
  showProgress?: boolean;
  log?: (line: string) => void;
}

export const TAG_COUNT = 500;
export const AUTHOR_COUNT = 200;

/**
 * Fills a migrated database with a newsroom's archive in bulk: taxonomy,
 * credited images, articles with their links and one revision each, and the
 * live read model (published_article with summary, document, search text and
 * vector, etag) plus content_change — the rows Publisher.publish writes,
 * built set-based in SQL (generate_series, INSERT … SELECT) in batches.
 *
 * Not written: audit_event and outbox_event history (no webhook receiver
 * should be told about 100,000 historic publishes).
 *
 * Replaces any content already in the database; users and locales stay.
 */
export async function seedBench(url: string, options: BenchSeedOptions): Promise<{ articles: number; seconds: number }> {
  const started = Date.now();
  const total = options.articles;
  const batchSize = options.batchSize ?? 10_000;
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off; SET work_mem = '64MB'");
    await client.query(
      `TRUNCATE article, translation_group, published_article, content_change, media_asset, tag, tag_redirect, section, author,
        collection, audit_event, outbox_event RESTART IDENTITY CASCADE`,
    );
    await defineHelpers(client);
    const ids = await seedTaxonomy(client, log);
    const mediaCount = Math.max(100, Math.ceil(total / 5));
    await seedMedia(client, mediaCount);
    await seedPools(client, ids, mediaCount);
    log(`taxonomy: ${ids.sections} sections, ${TAG_COUNT} tags, ${AUTHOR_COUNT} authors, ${mediaCount} credited images`);

    const bar = options.showProgress ? progress('articles', total) : undefined;
    const now = new Date();
    // Two years of archive, newest now.
    const stepMs = Math.max(1000, Math.floor((2 * 365 * 86_400_000) / total));
    for (let lo = 1; lo <= total; lo += batchSize) {
      const hi = Math.min(total, lo + batchSize - 1);
      await client.query('BEGIN');
      await seedBatch(client, { lo, hi, total, now, stepMs });
      await client.query('COMMIT');
      bar?.tick(hi);
    }
    bar?.end();
    log('vacuum and analyze');
    await client.query('VACUUM (ANALYZE) published_article');
    await client.query('ANALYZE');
    return { articles: total, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function defineHelpers(client: pg.Client): Promise<void> {
  // A stable pseudo-random integer in [0, m) for (n, salt): the same seed
  // count always gives the same archive.
  await client.query(`CREATE FUNCTION pg_temp.h(n bigint, salt int, m int) RETURNS int LANGUAGE sql IMMUTABLE AS
    $$ SELECT (((hashint8(n * 1024 + salt) % m) + m) % m)::int $$`);
  // Number.prototype.toString(36), as Publisher builds etags.
  await client.query(`CREATE FUNCTION pg_temp.b36(v bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE s text := ''; digits constant text := '0123456789abcdefghijklmnopqrstuvwxyz';
    BEGIN
      IF v = 0 THEN RETURN '0'; END IF;
      WHILE v > 0 LOOP s := substr(digits, (v % 36)::int + 1, 1) || s; v := v / 36; END LOOP;
      RETURN s;
    END $$`);
  // Date.prototype.toISOString().
  await client.query(`CREATE FUNCTION pg_temp.iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`);
}

async function insertJson(client: pg.Client, table: string, columns: string, types: string, rows: object[]): Promise<void> {
  await client.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_to_recordset($1::json) AS r(${types})`, [JSON.stringify(rows)]);
}

async function seedTaxonomy(client: pg.Client, _log: (line: string) => void): Promise<{ sections: number; sectionRows: { id: string; ids: string[] }[] }> {
  const sections: { id: string; slug: string; name: string; names: Record<string, string>; parent_id: string | null; position: number }[] = [];
  const sectionRows: { id: string; ids: string[] }[] = [];
  SECTION_TREE.forEach((top, position) => {
    const topId = randomUUID();
    sections.push({ id: topId, slug: slugify(top.name, 'en'), name: top.name, names: top.names, parent_id: null, position });
    sectionRows.push({ id: topId, ids: [topId] });
    top.children.forEach((child, childPosition) => {
      const id = randomUUID();
      sections.push({ id, slug: slugify(child, 'en'), name: child, names: {}, parent_id: topId, position: childPosition });
      sectionRows.push({ id, ids: [id, topId] });
    });
  });
  await insertJson(
    client,
    'section',
    'id, slug, name, names, parent_id, position, updated_at',
    'id uuid, slug text, name text, names jsonb, parent_id uuid, position int, updated_at timestamptz',
    sections.map((s) => ({ ...s, updated_at: new Date() })),
  );

  const tagNames = [...TOPICS, ...PLACES];
  for (const place of PLACES) for (const topic of TOPICS) tagNames.push(`${topic} in ${place}`);
  const tags = tagNames.slice(0, TAG_COUNT).map((name) => ({ id: randomUUID(), slug: slugify(name, 'en'), name, names: {}, updated_at: new Date() }));
  await insertJson(client, 'tag', 'id, slug, name, names, updated_at', 'id uuid, slug text, name text, names jsonb, updated_at timestamptz', tags);

  const authors = Array.from({ length: AUTHOR_COUNT }, (_, i) => {
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`;
    const suffix = i >= FIRST_NAMES.length * LAST_NAMES.length ? ` ${Math.floor(i / (FIRST_NAMES.length * LAST_NAMES.length)) + 1}` : '';
    return {
      id: randomUUID(),
      slug: slugify(`${name}${suffix}`, 'en'),
      name: `${name}${suffix}`,
      bio: `${name} reports for the newsroom.`,
      updated_at: new Date(),
    };
  });
  await insertJson(client, 'author', 'id, slug, name, bio, updated_at', 'id uuid, slug text, name text, bio text, updated_at timestamptz', authors);

  await client.query(`CREATE TEMP TABLE bench_ids AS SELECT
      (SELECT array_agg(id ORDER BY slug) FROM tag) AS tags,
      (SELECT array_agg(id ORDER BY slug) FROM author) AS authors`);
  return { sections: sections.length, sectionRows };
}

async function seedMedia(client: pg.Client, count: number): Promise<void> {
  const captions = CORPUS.en!.captions;
  await client.query(
    `INSERT INTO media_asset (id, kind, mime, bytes, sha256, storage_key, original_name, width, height, caption, credit, creator, alt_text, created_at, updated_at)
     SELECT gen_random_uuid(), 'image', 'image/jpeg', 150000 + (i * 7919) % 900000, sha, left(sha, 2) || '/' || sha || '.jpg', 'photo-' || i || '.jpg',
       1600 + (i % 5) * 600, (1600 + (i % 5) * 600) * 2 / 3,
       ($2::text[])[1 + i % cardinality($2::text[])],
       credit, CASE WHEN credit <> '' AND i % 3 = 0 THEN '' ELSE ($4::text[])[1 + i % cardinality($4::text[])] END,
       ($2::text[])[1 + i % cardinality($2::text[])], now(), now()
     FROM (SELECT i, encode(sha256(('dispatch-bench-' || i)::bytea), 'hex') AS sha, ($3::text[])[1 + (i / 3) % cardinality($3::text[])] AS credit
           FROM generate_series(1, $1::int) i) m`,
    [count, captions, CREDITS, PHOTOGRAPHERS],
  );
  // An indexed table, not one array: picking from a 200,000-element array detoasts all of it for every row.
  await client.query('CREATE TEMP TABLE bench_media AS SELECT (row_number() OVER (ORDER BY sha256) - 1)::int AS idx, id FROM media_asset');
  await client.query('ALTER TABLE bench_media ADD PRIMARY KEY (idx)');
  await client.query('CREATE TEMP TABLE bench_media_count AS SELECT count(*)::int AS media_n FROM bench_media');
  await client.query('ANALYZE bench_media, bench_media_count');
}

/** Sentences, headline halves and captions as small indexed tables the batches join. */
async function seedPools(client: pg.Client, ids: { sectionRows: { id: string; ids: string[] }[] }, _mediaCount: number): Promise<void> {
  const locales = Object.entries(CORPUS);
  let from = 0;
  const localeRows = locales.map(([code, c]) => {
    const row = {
      code,
      lo: from,
      hi: from + c.weight,
      nsub: c.subjects.length,
      npred: c.predicates.length,
      nsent: c.sentences.length,
      ncap: c.captions.length,
    };
    from += c.weight;
    return row;
  });
  const totalWeight = from;
  await client.query(`CREATE TEMP TABLE bench_locale (code text, lo int, hi int, nsub int, npred int, nsent int, ncap int, cfg regconfig)`);
  await client.query(
    `INSERT INTO bench_locale SELECT r.*, coalesce(l.search_config, 'simple')::regconfig
     FROM json_to_recordset($1::json) AS r(code text, lo int, hi int, nsub int, npred int, nsent int, ncap int) LEFT JOIN locale l ON l.code = r.code`,
    [JSON.stringify(localeRows)],
  );
  await client.query(`CREATE TEMP TABLE bench_weight AS SELECT ${totalWeight}::int AS total`);
  const pieces = locales.flatMap(([code, c]) => [
    ...c.subjects.map((text, idx) => ({ locale: code, kind: 's', idx, text, slug: slugify(text, code) })),
    ...c.predicates.map((text, idx) => ({ locale: code, kind: 'p', idx, text, slug: slugify(text, code) })),
    ...c.sentences.map((text, idx) => ({ locale: code, kind: 't', idx, text, slug: '' })),
    ...c.captions.map((text, idx) => ({ locale: code, kind: 'c', idx, text, slug: '' })),
  ]);
  await client.query('CREATE TEMP TABLE bench_piece (locale text, kind text, idx int, text text, slug text, PRIMARY KEY (locale, kind, idx))');
  await client.query('INSERT INTO bench_piece SELECT * FROM json_to_recordset($1::json) AS r(locale text, kind text, idx int, text text, slug text)', [
    JSON.stringify(pieces),
  ]);
  await client.query('CREATE TEMP TABLE bench_section (idx int PRIMARY KEY, id uuid, ids uuid[])');
  await client.query('INSERT INTO bench_section SELECT idx, id, ids FROM json_to_recordset($1::json) AS r(idx int, id uuid, ids uuid[])', [
    JSON.stringify(ids.sectionRows.map((row, idx) => ({ idx, id: row.id, ids: `{${row.ids.join(',')}}` }))),
  ]);
  await client.query('ANALYZE bench_locale, bench_piece, bench_section');
}

async function seedBatch(client: pg.Client, b: { lo: number; hi: number; total: number; now: Date; stepMs: number }): Promise<void> {
  // One row per article: everything but the body.
  await client.query(
    `CREATE TEMP TABLE b ON COMMIT DROP AS
     SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS tg, l.code AS locale, l.cfg, l.nsent, l.ncap, l.npred,
       date_trunc('milliseconds', $3::timestamptz - ($4::int - n) * ($5::int * interval '1 millisecond')) AS t,
       CASE WHEN n % 10 = 0 THEN 'feature' ELSE 'story' END::article_kind AS kind,
       s.text || ' ' || p.text AS headline,
       s.slug || '-' || p.slug || '-' || pg_temp.b36(n) AS slug,
       sf.text AS standfirst,
       sec.id AS section_id, sec.ids AS section_ids,
       tags.ids AS tag_ids,
       CASE WHEN n % 4 = 0 THEN ARRAY[k.authors[1 + a1], k.authors[1 + (a1 + 1 + pg_temp.h(n, 21, ${AUTHOR_COUNT - 1})) % ${AUTHOR_COUNT}]]
            ELSE ARRAY[k.authors[1 + a1]] END AS author_ids,
       (SELECT id FROM bench_media WHERE idx = pg_temp.h(n, 30, mc.media_n)) AS lead_media,
       (SELECT id FROM bench_media WHERE idx = pg_temp.h(n, 31, mc.media_n)) AS body_media,
       ($6::text[])[1 + pg_temp.h(n, 32, cardinality($6::text[]))] AS town
     FROM generate_series($1::int, $2::int) n
     CROSS JOIN bench_ids k CROSS JOIN bench_media_count mc CROSS JOIN bench_weight w
     CROSS JOIN LATERAL (SELECT pg_temp.h(n, 1, w.total) AS r, pg_temp.h(n, 20, ${AUTHOR_COUNT}) AS a1,
       -- a skewed first tag (popular topics), then distinct others
       (pg_temp.h(n, 10, ${TAG_COUNT}) * pg_temp.h(n, 11, ${TAG_COUNT})) / ${TAG_COUNT} AS t1) x
     JOIN bench_locale l ON x.r >= l.lo AND x.r < l.hi
     JOIN bench_piece s ON s.locale = l.code AND s.kind = 's' AND s.idx = pg_temp.h(n, 2, l.nsub)
     JOIN bench_piece p ON p.locale = l.code AND p.kind = 'p' AND p.idx = pg_temp.h(n, 3, l.npred)
     JOIN bench_piece sf ON sf.locale = l.code AND sf.kind = 't' AND sf.idx = pg_temp.h(n, 4, l.nsent)
     JOIN bench_section sec ON sec.idx = pg_temp.h(n, 5, 30)
     CROSS JOIN LATERAL (SELECT (ARRAY[k.tags[1 + x.t1], k.tags[1 + (x.t1 + 1 + pg_temp.h(n, 12, 249)) % ${TAG_COUNT}],
                                       k.tags[1 + (x.t1 + 250 + pg_temp.h(n, 13, 249)) % ${TAG_COUNT}], k.tags[1 + (x.t1 + 499) % ${TAG_COUNT}]])[1:2 + (n % 3)::int] AS ids) tags`,
    [b.lo, b.hi, b.now, b.total, b.stepMs, TOWNS],
  );
  // Body blocks: paragraphs of 5-7 sentences, an image with a caption third, a subheading fifth.
  await client.query(
    `CREATE TEMP TABLE bb ON COMMIT DROP AS
     SELECT b.n, g.pos,
       CASE WHEN g.pos = 2 THEN jsonb_build_object('type', 'image', 'mediaId', b.body_media, 'caption', cap.text)
            WHEN g.pos = 4 THEN jsonb_build_object('type', 'heading', 'level', 2, 'text', upper(left(hd.text, 1)) || substr(hd.text, 2))
            WHEN g.pos = 0 THEN jsonb_build_object('type', 'paragraph', 'text', upper(b.town) || ' — ' || para.text)
            ELSE jsonb_build_object('type', 'paragraph', 'text', para.text) END AS block,
       CASE WHEN g.pos = 2 THEN cap.text WHEN g.pos = 4 THEN upper(left(hd.text, 1)) || substr(hd.text, 2)
            WHEN g.pos = 0 THEN upper(b.town) || ' — ' || para.text ELSE para.text END AS txt
     FROM b
     CROSS JOIN LATERAL generate_series(0, 6 + pg_temp.h(b.n, 40, 3)) g(pos)
     JOIN bench_piece cap ON cap.locale = b.locale AND cap.kind = 'c' AND cap.idx = pg_temp.h(b.n, 41, b.ncap)
     JOIN bench_piece hd ON hd.locale = b.locale AND hd.kind = 'p' AND hd.idx = pg_temp.h(b.n, 42, b.npred)
     CROSS JOIN LATERAL (
       SELECT string_agg(se.text, ' ' ORDER BY k) AS text
       FROM generate_series(0, 4 + pg_temp.h(b.n * 16 + g.pos, 43, 3)) k
       -- stepping by 7 (coprime with the pool sizes) never repeats a sentence within a paragraph
       JOIN bench_piece se ON se.locale = b.locale AND se.kind = 't' AND se.idx = (pg_temp.h(b.n * 16 + g.pos, 44, b.nsent) + k * 7) % b.nsent
     ) para`,
  );
  await client.query(
    `CREATE TEMP TABLE bd ON COMMIT DROP AS
     SELECT n, jsonb_agg(block ORDER BY pos) AS body, string_agg(txt, E'\\n' ORDER BY pos) AS search_text FROM bb GROUP BY n`,
  );
  await client.query("INSERT INTO translation_group (id, created_at) SELECT tg, t - interval '1 hour' FROM b");
  await client.query(
    `INSERT INTO article (id, locale, translation_group_id, kind, status, version, slug, headline, standfirst, body, section_id, lead_media_id, seo,
       current_revision, live_revision, first_published_at, published_at, created_at, modified_at)
     SELECT b.id, b.locale, b.tg, b.kind, 'published', 2, b.slug, b.headline, b.standfirst, bd.body, b.section_id, b.lead_media, '{}',
       1, 1, b.t, b.t, b.t - interval '1 hour', b.t
     FROM b JOIN bd USING (n)`,
  );
  await client.query(
    'INSERT INTO article_tag (article_id, tag_id, position) SELECT b.id, u.tag, u.ord - 1 FROM b, unnest(b.tag_ids) WITH ORDINALITY u(tag, ord)',
  );
  await client.query(
    'INSERT INTO article_author (article_id, author_id, position) SELECT b.id, u.author, u.ord - 1 FROM b, unnest(b.author_ids) WITH ORDINALITY u(author, ord)',
  );
  await client.query('INSERT INTO article_media_use (article_id, media_id) SELECT DISTINCT b.id, m FROM b, unnest(ARRAY[b.lead_media, b.body_media]) m');
  await client.query(
    `INSERT INTO article_revision (id, article_id, number, content, summary, changed_fields, created_at)
     SELECT gen_random_uuid(), b.id, 1, jsonb_build_object(
         'kind', b.kind, 'slug', b.slug, 'headline', b.headline, 'standfirst', b.standfirst, 'body', bd.body, 'sectionId', b.section_id,
         'tagIds', to_jsonb(b.tag_ids), 'authorIds', to_jsonb(b.author_ids), 'leadMediaId', b.lead_media, 'relatedArticleIds', '[]'::jsonb,
         'seo', '{}'::jsonb, 'embargoUntil', NULL, 'publishAt', NULL, 'expireAt', NULL, 'audioMediaId', NULL, 'episodeNumber', NULL),
       'created', '{}', b.t - interval '1 hour'
     FROM b JOIN bd USING (n)`,
  );
  await client.query(
    `INSERT INTO published_article (article_id, revision, locale, slug, kind, translation_group_id, section_id, section_ids, tag_ids, author_ids, media_ids,
       headline, published_at, first_published_at, updated_at, expire_at, summary, document, search_text, search_vector, etag)
     SELECT b.id, 1, b.locale, b.slug, b.kind, b.tg, b.section_id, b.section_ids, b.tag_ids, b.author_ids,
       CASE WHEN b.lead_media = b.body_media THEN ARRAY[b.lead_media] ELSE ARRAY[b.lead_media, b.body_media] END,
       b.headline, b.t, b.t, b.t, NULL, s.summary,
       s.summary || jsonb_build_object('revision', 1, 'translationGroupId', b.tg, 'body', bd.body, 'relatedArticleIds', '[]'::jsonb,
         'seo', '{}'::jsonb, 'corrections', '[]'::jsonb),
       bd.search_text,
       setweight(to_tsvector(b.cfg, b.headline), 'A') || setweight(to_tsvector(b.cfg, b.standfirst), 'B') || setweight(to_tsvector(b.cfg, bd.search_text), 'C'),
       left(b.id::text, 8) || '-1-' || pg_temp.b36((extract(epoch FROM b.t) * 1000)::bigint) || '-0'
     FROM b JOIN bd USING (n)
     CROSS JOIN LATERAL (SELECT jsonb_build_object('id', b.id, 'slug', b.slug, 'locale', b.locale, 'kind', b.kind, 'headline', b.headline,
         'standfirst', b.standfirst, 'leadMediaId', b.lead_media, 'episodeNumber', NULL, 'audioMediaId', NULL,
         'publishedAt', pg_temp.iso(b.t), 'firstPublishedAt', pg_temp.iso(b.t), 'updatedAt', pg_temp.iso(b.t)) AS summary) s`,
  );
  await client.query(`INSERT INTO content_change (article_id, locale, slug, op, at) SELECT id, locale, slug, 'upsert', t FROM b ORDER BY t`);
}
