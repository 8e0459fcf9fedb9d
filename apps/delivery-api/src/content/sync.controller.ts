import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '#common';
import { surrogateKey, SyncPageSchema, SyncReader } from '#content';
import { DeliveryResponds } from '../http/delivery-contract.js';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { SyncQueryDto } from './content.dto.js';

@Public()
@ApiTags('sync')
/** What changed since a token: for frontends and search indexes that mirror the live content. */
@Controller()
export class SyncController {
  constructor(
    private readonly sync: SyncReader,
    private readonly responder: DeliveryResponder,
  ) {}

  @Get('sync')
  @ApiOperation({ summary: 'Delta sync: no token → everything live (paged); with a token → what was published, updated or removed since' })
  @DeliveryResponds({ 'application/json': SyncPageSchema }, { description: 'a page of changes (`max-age=0`: always revalidate)' })
  async changes(@Query() query: SyncQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { validUntil, ...page } = await this.sync.page(query.token, query.limit);
    this.responder.send(request, reply, { body: page, keys: [surrogateKey.lists], maxAge: 0, validUntil });
  }
}
