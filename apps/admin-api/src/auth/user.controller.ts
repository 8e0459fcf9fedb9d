import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission, UserPageSchema, UserSchema, UserService } from '#auth';
import { UuidParam } from '../common/id-param.js';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './auth.dto.js';

@ApiTags('users')
@ApiBearerAuth()
@RequirePermission('users:manage')
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOperation({ summary: 'Users by email; ?role= and ?q= (email or name contains) narrow the list' })
  @Responds(200, UserPageSchema)
  list(@Query() query: UserListQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a role and an initial password' })
  @Responds(201, UserSchema)
  @Problems('conflict')
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @Responds(200, UserSchema)
  @Problems('not_found')
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, role, password or disabled; a new password or disabling ends their sessions',
    description: 'Refused with 409 conflict when it would leave no active admin.',
  })
  @Responds(200, UserSchema)
  @Problems('not_found', 'conflict')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, body);
  }
}
