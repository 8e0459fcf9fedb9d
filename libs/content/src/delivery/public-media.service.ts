import { Injectable } from '@nestjs/common';
import { DomainError, isUuid } from '#common';
import { type MediaFile, MediaFileService } from '../media/media-file.service.js';
import { type RenditionFile, MediaRenditionService } from '../media/media-rendition.service.js';
import { surrogateKey } from '../publishing/public-urls.js';
import { MediaAccess } from './media-access.js';
import { PreviewReader } from './preview-reader.js';

/** How a media response may be cached, and what a CDN purges it by. */
export interface MediaCaching {
  /** Seconds shared caches may keep it; null: private, never stored (a preview's media). */
  maxAgeSeconds: number | null;
  surrogateKeys: string[];
}

/**
 * Media as the public sees it: an asset is served only while live content
 * shows it (MediaAccess), or to a valid preview token of an article whose
 * working copy uses it, and only within its rights. Anything else is the
 * very same not-found as an id that never existed — nothing tells an
 * outsider that an unpublished asset is there.
 */
@Injectable()
export class PublicMediaService {
  constructor(
    private readonly access: MediaAccess,
    private readonly previews: PreviewReader,
    private readonly renditions: MediaRenditionService,
    private readonly files: MediaFileService,
  ) {}

  /** An image rendition (see MediaRenditionService.rendition), if the asset may be shown. */
  async rendition(
    id: string,
    width: number,
    format: string,
    aspect: string | undefined,
    token?: string,
  ): Promise<{ file: RenditionFile; caching: MediaCaching }> {
    const caching = await this.caching(id, token, () => DomainError.notFound('Rendition'));
    const file = await this.renditions.rendition(id, width, format, aspect);
    return { file, caching: capped(caching, file.maxAgeSeconds) };
  }

  /** An audio or video file as uploaded (see MediaFileService.original), if the asset may be shown. */
  async original(id: string, token?: string): Promise<{ file: MediaFile; caching: MediaCaching }> {
    const caching = await this.caching(id, token, () => DomainError.notFound('Media file'));
    const file = await this.files.original(id);
    return { file, caching: capped(caching, file.maxAgeSeconds) };
  }

  /** Throws exactly what an unknown id gets, before any rendering or storage work. */
  private async caching(id: string, token: string | undefined, notFound: () => DomainError): Promise<MediaCaching> {
    if (!isUuid(id)) throw notFound();
    const now = Date.now();
    const until = await this.access.liveUntil(id, now);
    // A URL with a preview token is never stored by shared caches, whatever the asset's state.
    if (token !== undefined) {
      if (until === null && !(await this.previews.grantsMedia(token, id))) throw notFound();
      return { maxAgeSeconds: null, surrogateKeys: [] };
    }
    if (until === null) throw notFound();
    const seconds = until === Infinity ? Infinity : Math.max(0, Math.floor((until - now) / 1000));
    return { maxAgeSeconds: seconds, surrogateKeys: [surrogateKey.media(id)] };
  }
}

function capped(caching: MediaCaching, rightsSeconds: number): MediaCaching {
  return { ...caching, maxAgeSeconds: caching.maxAgeSeconds === null ? null : Math.min(caching.maxAgeSeconds, rightsSeconds) };
}
