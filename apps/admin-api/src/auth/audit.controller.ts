import { Query } from '@nestjs/common';
import { AuditEventPageSchema, AuditQueryService, RequirePermission } from '#auth';
import { AdminController, ListRoute } from '../common/resource-routes.js';
import { AuditQueryDto } from './auth.dto.js';

@AdminController('audit')
@RequirePermission('audit:read')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @ListRoute('The audit log, newest first; filter by actor, entityType, entityId, action, since', AuditEventPageSchema)
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
