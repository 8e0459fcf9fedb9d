import { Body, Headers, Param, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { type Actor, DomainError, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { AdminCollectionPageSchema, CollectionSchema, CollectionService } from '#content';
import { UuidParam } from '../common/id-param.js';
import { VersionEtag } from '../common/version-etag.js';
import { AdminController, CreateRoute, DeleteRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { expectedVersion } from '../article/if-match.js';
import { CollectionListQueryDto, CreateCollectionDto, ReplaceItemsDto, UpdateCollectionDto } from './collection.dto.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'the ETag (version) the change is based on; a stale one is 412 version_conflict. Absent or `*`: unconditional',
  schema: { type: 'string' },
} as const;

/** If-Match is optional here: sent, a stale version is 412; absent, the write goes through (rails are edited by one desk at a time). */
function optionalVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*' ? undefined : expectedVersion(ifMatch);
}

@AdminController('collections')
export class CollectionController {
  constructor(private readonly collections: CollectionService) {}

  @ListRoute('Curated lists by locale and slug; ?locale= for one language', AdminCollectionPageSchema)
  @RequirePermission('collections:read')
  list(@Query() query: CollectionListQueryDto) {
    return this.collections.list(query);
  }

  @CreateRoute('Create an empty curated list (slug unique per locale)', CollectionSchema, ['slug_taken'], { headers: ['ETag'] })
  @RequirePermission('collections:manage')
  @VersionEtag()
  create(@CurrentActor() actor: Actor, @Body() body: CreateCollectionDto) {
    return this.collections.create(actor, body);
  }

  @GetRoute('One curated list with every item, live or not', CollectionSchema, { headers: ['ETag'] })
  @RequirePermission('collections:read')
  @VersionEtag()
  get(@Param('id', UuidParam) id: string) {
    return this.collections.get(id);
  }

  @UpdateRoute('Change slug, name, description or maxItems', CollectionSchema, ['slug_taken', 'version_conflict'], { headers: ['ETag'] })
  @RequirePermission('collections:manage')
  @ApiHeader(IF_MATCH)
  @VersionEtag()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCollectionDto,
  ) {
    return this.collections.update(actor, id, optionalVersion(ifMatch), body);
  }

  @DeleteRoute('Delete a curated list (its articles stay)', ['version_conflict'])
  @RequirePermission('collections:manage')
  @ApiHeader(IF_MATCH)
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.collections.remove(actor, id, optionalVersion(ifMatch));
  }

  @Put(':id/items')
  @RequirePermission('collections:manage')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Replace the ordered items at once (articles of any status; delivery shows the live ones)' })
  @Responds(200, CollectionSchema, { headers: ['ETag'] })
  @Problems('not_found', 'version_conflict')
  @VersionEtag()
  replaceItems(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReplaceItemsDto,
  ) {
    if (body.labels && Object.values(body.labels).some((label) => label !== null && (typeof label !== 'string' || label.length > 50))) {
      throw DomainError.validation([{ path: 'labels', message: 'each label must be a string of at most 50 characters, or null' }]);
    }
    return this.collections.replaceItems(actor, id, optionalVersion(ifMatch), body);
  }
}
