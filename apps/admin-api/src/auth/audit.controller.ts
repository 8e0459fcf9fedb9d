import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQueryService, RequirePermission } from '#auth';
import { AuditQueryDto } from './auth.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@RequirePermission('audit:read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
