import { Body, Param, Query } from '@nestjs/common';
import { type Actor } from '#common';
import { CurrentActor, RequirePermission, UserPageSchema, UserSchema, UserService } from '#auth';
import { UuidParam } from '../common/id-param.js';
import { AdminController, CreateRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './auth.dto.js';

@AdminController('users')
@RequirePermission('users:manage')
export class UserController {
  constructor(private readonly users: UserService) {}

  @ListRoute('Users by email; ?role= and ?q= (email or name contains) narrow the list', UserPageSchema)
  list(@Query() query: UserListQueryDto) {
    return this.users.list(query);
  }

  @CreateRoute('Create a user with a role and an initial password', UserSchema, ['conflict'])
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @GetRoute('One user', UserSchema)
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }

  @UpdateRoute(
    {
      summary: 'Change name, role, password or disabled; a new password or disabling ends their sessions',
      description: 'Refused with 409 conflict when it would leave no active admin.',
    },
    UserSchema,
    ['conflict'],
  )
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, body);
  }
}
