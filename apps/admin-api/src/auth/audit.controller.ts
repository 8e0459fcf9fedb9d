import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Responds } from '#common';
import { AuditEventPageSchema, AuditQueryService, RequirePermission } from '#auth';
import { AuditQueryDto } from './auth.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@RequirePermission('audit:read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first; filter by actor, entityType, entityId, action, since' })
  @Responds(200, AuditEventPageSchema)
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
