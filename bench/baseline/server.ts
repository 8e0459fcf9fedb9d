// The hand-written baseline: plain fastify + pg, one SQL query per request,
// over the same published_article rows Dispatch reads. BASELINE_MODE=memory
// serves each URL's JSON from a Map after its first request (the ceiling
// for Node HTTP on this machine).
//
//   DATABASE_URL=… PORT=4100 [BASELINE_MODE=memory] node dist/bench/baseline/server.js
import { createHash } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';

const LIVE = '(p.expire_at IS NULL OR p.expire_at > now())';
const TAGS = `(SELECT coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY u.ord), '[]')
               FROM unnest(p.tag_ids) WITH ORDINALITY u(id, ord) JOIN tag t ON t.id = u.id)`;
const IMAGE = `(SELECT json_build_object('id', m.id, 'width', m.width, 'height', m.height, 'caption', m.caption, 'alt', m.alt_text,
                  'credit', m.credit, 'creator', m.creator)
               FROM media_asset m WHERE m.id = (p.summary->>'leadMediaId')::uuid)`;
const CARD = `json_build_object('id', p.article_id, 'slug', p.slug, 'locale', p.locale, 'kind', p.kind, 'headline', p.headline,
  'standfirst', p.summary->'standfirst', 'section', json_build_object('slug', s.slug, 'name', s.name), 'tags', ${TAGS},
  'leadImage', ${IMAGE}, 'publishedAt', p.summary->'publishedAt', 'updatedAt', p.summary->'updatedAt')`;

const ARTICLE = `SELECT (${CARD}::jsonb || jsonb_build_object('body', p.document->'body'))::text AS json
  FROM published_article p JOIN section s ON s.id = p.section_id
  WHERE p.slug = $1 AND p.locale = $2 AND ${LIVE}`;

function listQuery(filters: { locale: boolean; tag: boolean; section: boolean }): string {
  const where = [LIVE];
  const params: string[] = [];
  if (filters.locale) where.push(`p.locale = $${params.push('locale')}`);
  if (filters.tag) where.push(`p.tag_ids @> ARRAY[(SELECT id FROM tag WHERE slug = $${params.push('tag')})]`);
  if (filters.section) where.push(`p.section_ids @> ARRAY[(SELECT id FROM section WHERE slug = $${params.push('section')})]`);
  return `SELECT json_build_object('data', coalesce(json_agg(x.card ORDER BY x.published_at DESC, x.article_id DESC), '[]'))::text AS json FROM (
    SELECT ${CARD} AS card, p.published_at, p.article_id FROM published_article p JOIN section s ON s.id = p.section_id
    WHERE ${where.join(' AND ')} ORDER BY p.published_at DESC, p.article_id DESC LIMIT 20) x`;
}

const SEARCH = `WITH q AS (SELECT websearch_to_tsquery((SELECT search_config FROM locale WHERE code = $2)::regconfig, $1) AS query)
  SELECT json_build_object('data', coalesce(json_agg(x.card ORDER BY x.rank DESC, x.published_at DESC), '[]'))::text AS json FROM (
    SELECT ${CARD}::jsonb || jsonb_build_object('snippet', ts_headline((SELECT search_config FROM locale WHERE code = $2)::regconfig,
             left(p.search_text, 20000), q.query, 'MaxFragments=2, MinWords=6, MaxWords=24')) AS card,
           ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', p.search_vector, q.query) AS rank, p.published_at
    FROM published_article p JOIN section s ON s.id = p.section_id, q
    WHERE p.locale = $2 AND p.search_vector @@ q.query AND ${LIVE}
    ORDER BY rank DESC, p.published_at DESC LIMIT 20) x`;

interface Answer {
  body: string;
  etag: string;
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const memory = process.env.BASELINE_MODE === 'memory' ? new Map<string, Answer>() : undefined;
const app = Fastify({ logger: false });

async function one(name: string, text: string, values: unknown[]): Promise<string | undefined> {
  const { rows } = await pool.query<{ json: string }>({ name, text, values });
  return rows[0]?.json;
}

async function answer(request: FastifyRequest, reply: FastifyReply, load: () => Promise<string | undefined>): Promise<void> {
  let found = memory?.get(request.url);
  if (!found) {
    const body = await load();
    if (body === undefined) {
      reply.code(404).send({ error: 'not found' });
      return;
    }
    found = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    memory?.set(request.url, found);
  }
  reply.header('etag', found.etag);
  if (request.headers['if-none-match'] === found.etag) {
    reply.code(304).send();
    return;
  }
  reply.header('content-type', 'application/json; charset=utf-8').send(found.body);
}

type Query = Record<string, string | undefined>;

app.get('/content/v1/articles', (request, reply) => {
  const { locale, tag, section } = request.query as Query;
  const filters = { locale: !!locale, tag: !!tag, section: !!section };
  const name = `list_${+filters.locale}${+filters.tag}${+filters.section}`;
  const values = [locale, tag, section].filter((value) => !!value);
  return answer(request, reply, () => one(name, listQuery(filters), values));
});

app.get('/content/v1/articles/:slug', (request, reply) => {
  const { slug } = request.params as { slug: string };
  const { locale = 'en' } = request.query as Query;
  return answer(request, reply, () => one('article', ARTICLE, [slug, locale]));
});

app.get('/content/v1/search', (request, reply) => {
  const { q = '', locale = 'en' } = request.query as Query;
  return answer(request, reply, () => one('search', SEARCH, [q, locale]));
});

const port = Number(process.env.PORT ?? 4100);
await app.listen({ port, host: '127.0.0.1' });
const stop = () => void app.close().then(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
