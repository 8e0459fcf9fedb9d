import { isAbsolute, resolve } from 'node:path';
import { createLogger } from '../observability/logging.js';
import { EnvReader } from './env-reader.js';

export type MediaStorageKind = 'local' | 's3';

export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** Everything Dispatch reads from its environment, validated at boot. */
export interface DispatchConfig {
  /** Unset → the embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  databasePoolSize: number;
  host: string;
  adminPort: number;
  deliveryPort: number;
  adminEmail?: string;
  adminPassword?: string;
  /** Unset → true with the embedded database, false otherwise. */
  demoContent?: boolean;
  dataDir: string;
  embeddedPostgresPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** json: one JSON object per line; pretty: coloured lines for a developer's terminal. */
  logFormat: 'json' | 'pretty';
  /** One access line per HTTP request at info. */
  logAccess: boolean;
  sessionTtlSeconds: number;
  /** Signs preview tokens; unset → a key generated once and kept in the database. */
  secretKey?: string;
  media: {
    storage: MediaStorageKind;
    dir: string;
    maxImageBytes: number;
    maxAvBytes: number;
    maxImagePixels: number;
    s3?: S3Config;
  };
  site: {
    name: string;
    baseUrl: string;
    /** Public article URL per locale; `{locale}`, `{slug}` and `{section}` are replaced. */
    articleUrlPattern: string;
    defaultLocale: string;
    publisherLogoUrl?: string;
    /** The podcast feed's channel (Apple Podcasts requires an image and a category). */
    podcast: PodcastConfig;
  };
  delivery: {
    /** Where frontends reach the delivery API (preview links); default http://HOST:DELIVERY_API_PORT. */
    publicUrl: string;
    cacheEnabled: boolean;
    cacheMaxEntries: number;
    maxAge: number;
    staleWhileRevalidate: number;
    corsOrigins: string[];
    rateLimitPerMinute: number;
    apiKeyRateLimitPerMinute: number;
    apiKeys: string[];
  };
  webhooks: {
    timeoutMs: number;
    allowHosts: string[];
    maxAttempts: number;
    /** First retry delay; later ones grow ×3 up to 24 h (tests shrink it). */
    retryBaseMs: number;
    /** Pause a subscription after this many failed attempts in a row; 0 = never. */
    pauseAfterFailures: number;
  };
  worker: {
    pollIntervalMs: number;
  };
  metrics: MetricsConfig;
  jsonBodyLimitBytes: number;
  /** Trust X-Forwarded-For from a proxy in front (client IPs for rate limits). */
  trustProxy: boolean;
}

/** Prometheus metrics: separate listeners per app (0 = none) and the admin route's scrape token. */
export interface MetricsConfig {
  host: string;
  deliveryPort: number;
  workerPort: number;
  adminPort: number;
  /** Lets a scraper read the admin API's GET /metrics with `Authorization: Bearer <token>`. */
  token?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): DispatchConfig {
  const read = new EnvReader(env);
  const dataDir = absolute(read.string('DATA_DIR', '.data'), cwd);
  const mediaStorage = read.oneOf<MediaStorageKind>('MEDIA_STORAGE', ['local', 's3'], 'local');
  const adminEmail = read.optionalString('ADMIN_EMAIL');
  const adminPassword = read.optionalString('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    read.problem('ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither');
  }
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) read.problem('ADMIN_EMAIL: must be an email address');
  if (adminPassword !== undefined && adminPassword.length < 8) read.problem('ADMIN_PASSWORD: must be at least 8 characters');
  const secretKey = read.optionalString('SECRET_KEY');
  if (secretKey !== undefined && secretKey.length < 32) read.problem('SECRET_KEY: must be at least 32 characters');

  const config: DispatchConfig = {
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    host: read.string('HOST', '127.0.0.1'),
    adminPort: read.port('ADMIN_API_PORT', 3001),
    deliveryPort: read.port('DELIVERY_API_PORT', 3000),
    adminEmail,
    adminPassword,
    demoContent: read.bool('DEMO_CONTENT'),
    dataDir,
    embeddedPostgresPort: read.port('EMBEDDED_PG_PORT', 54329),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    logFormat: read.oneOf('LOG_FORMAT', ['json', 'pretty'], 'json'),
    logAccess: read.bool('LOG_ACCESS', true),
    sessionTtlSeconds: read.int('SESSION_TTL_SECONDS', 12 * 3600, { min: 60, max: 30 * 24 * 3600 }),
    secretKey,
    media: {
      storage: mediaStorage,
      dir: absolute(read.string('MEDIA_DIR', resolve(dataDir, 'media')), cwd),
      maxImageBytes: read.int('MEDIA_MAX_IMAGE_BYTES', 25 * 1024 * 1024, { min: 1024 }),
      maxAvBytes: read.int('MEDIA_MAX_AV_BYTES', 200 * 1024 * 1024, { min: 1024 }),
      maxImagePixels: read.int('MEDIA_MAX_IMAGE_PIXELS', 100_000_000, { min: 1 }),
      s3: mediaStorage === 's3' ? readS3(read) : undefined,
    },
    site: {
      name: read.string('SITE_NAME', 'Dispatch News'),
      baseUrl: (read.url('SITE_BASE_URL', ['http:', 'https:'], 'http://localhost:8080') ?? '').replace(/\/+$/, ''),
      articleUrlPattern: read.string('ARTICLE_URL_PATTERN', '/{locale}/{section}/{slug}'),
      defaultLocale: read.string('DEFAULT_LOCALE', 'en'),
      publisherLogoUrl: read.url('PUBLISHER_LOGO_URL', ['http:', 'https:']),
      podcast: readPodcast(read),
    },
    delivery: {
      publicUrl: '',
      cacheEnabled: read.bool('DELIVERY_CACHE', true),
      cacheMaxEntries: read.int('DELIVERY_CACHE_MAX_ENTRIES', 20_000, { min: 0 }),
      maxAge: read.int('CACHE_MAX_AGE', 60, { min: 0 }),
      staleWhileRevalidate: read.int('CACHE_STALE_WHILE_REVALIDATE', 300, { min: 0 }),
      corsOrigins: read.list('CORS_ORIGINS', ['*']),
      rateLimitPerMinute: read.int('DELIVERY_RATE_LIMIT', 6000, { min: 0 }),
      apiKeyRateLimitPerMinute: read.int('DELIVERY_API_KEY_RATE_LIMIT', 60000, { min: 0 }),
      apiKeys: read.list('DELIVERY_API_KEYS'),
    },
    webhooks: {
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
      allowHosts: read.list('WEBHOOK_ALLOW_HOSTS'),
      maxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 15, { min: 1, max: 100 }),
      retryBaseMs: read.int('WEBHOOK_RETRY_BASE_MS', 2000, { min: 10, max: 3_600_000 }),
      pauseAfterFailures: read.int('WEBHOOK_PAUSE_AFTER_FAILURES', 100, { min: 0, max: 100_000 }),
    },
    worker: {
      pollIntervalMs: read.int('WORKER_POLL_MS', 1000, { min: 50, max: 60_000 }),
    },
    metrics: readMetrics(read),
    jsonBodyLimitBytes: read.int('JSON_BODY_LIMIT', 1024 * 1024, { min: 1024 }),
    trustProxy: read.bool('TRUST_PROXY', false),
  };
  config.delivery.publicUrl = (
    read.url('DELIVERY_PUBLIC_URL', ['http:', 'https:']) ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.deliveryPort}`
  ).replace(/\/+$/, '');
  checkMetricsPorts(read, config);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Channel-level podcast settings for RSS (itunes:*). */
export interface PodcastConfig {
  /** Apple Podcasts category, optionally with a subcategory after `/` (`News/Politics`). */
  category: string[];
  /** itunes:author; unset → SITE_NAME. */
  author?: string;
  /** itunes:owner; the name defaults to SITE_NAME. */
  ownerName?: string;
  ownerEmail?: string;
  /** Square artwork, 1400–3000 px; unset → PUBLISHER_LOGO_URL, else the newest episode's lead image. */
  imageUrl?: string;
  explicit: boolean;
}

function readPodcast(read: EnvReader): PodcastConfig {
  const category = read
    .string('PODCAST_CATEGORY', 'News')
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
  if (category.length > 2) read.problem('PODCAST_CATEGORY: a category and at most one subcategory, e.g. News/Politics');
  const ownerEmail = read.optionalString('PODCAST_OWNER_EMAIL');
  if (ownerEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(ownerEmail)) read.problem('PODCAST_OWNER_EMAIL: must be an email address');
  return {
    category: category.length ? category.slice(0, 2) : ['News'],
    author: read.optionalString('PODCAST_AUTHOR'),
    ownerName: read.optionalString('PODCAST_OWNER_NAME'),
    ownerEmail,
    imageUrl: read.url('PODCAST_IMAGE_URL', ['http:', 'https:']),
    explicit: read.bool('PODCAST_EXPLICIT', false),
  };
}

function readMetrics(read: EnvReader): MetricsConfig {
  const metrics: MetricsConfig = {
    host: read.string('METRICS_HOST', '127.0.0.1'),
    deliveryPort: read.port('DELIVERY_METRICS_PORT', 9464),
    workerPort: read.port('WORKER_METRICS_PORT', 9465),
    adminPort: read.port('ADMIN_METRICS_PORT', 0),
    token: read.optionalString('METRICS_TOKEN'),
  };
  if (metrics.token !== undefined && metrics.token.length < 16) read.problem('METRICS_TOKEN: must be at least 16 characters');
  return metrics;
}

/** Two listeners on one port would fail only when the second app starts: say so at boot instead. */
function checkMetricsPorts(read: EnvReader, config: DispatchConfig): void {
  const { metrics } = config;
  const taken = new Map<string, string>();
  const claim = (name: string, host: string, port: number, check: boolean) => {
    if (port === 0) return;
    const by = taken.get(`${host}:${port}`);
    if (by && check) read.problem(`${name}=${port}: already taken by ${by}`);
    else taken.set(`${host}:${port}`, name);
  };
  claim('ADMIN_API_PORT', config.host, config.adminPort, false);
  claim('DELIVERY_API_PORT', config.host, config.deliveryPort, false);
  claim('DELIVERY_METRICS_PORT', metrics.host, metrics.deliveryPort, true);
  claim('WORKER_METRICS_PORT', metrics.host, metrics.workerPort, true);
  claim('ADMIN_METRICS_PORT', metrics.host, metrics.adminPort, true);
}

function readS3(read: EnvReader): S3Config {
  const bucket = read.optionalString('S3_BUCKET');
  if (bucket === undefined) read.problem('S3_BUCKET: required when MEDIA_STORAGE=s3');
  return {
    bucket: bucket ?? '',
    region: read.string('S3_REGION', 'us-east-1'),
    endpoint: read.url('S3_ENDPOINT', ['http:', 'https:']),
    accessKeyId: read.optionalString('S3_ACCESS_KEY_ID'),
    secretAccessKey: read.optionalString('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: read.bool('S3_FORCE_PATH_STYLE', true),
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * For entry points: the configuration, or one log line per problem (through
 * the one logger, in LOG_FORMAT when that much is valid) and exit code 1 —
 * no stack trace.
 */
export function loadConfigOrExit(app: string, env: Record<string, string | undefined> = process.env): DispatchConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      // The configuration is not loaded: a default logger, at a level that shows the problems.
      const format = env.LOG_FORMAT?.trim() === 'pretty' ? 'pretty' : 'json';
      const logger = createLogger({ app, level: 'info', format });
      for (const problem of error.problems) logger.fatal(`config error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
}
