import { Module } from '@nestjs/common';
import { EditionService } from './edition.service.js';

/** Language editions: which articles tell one story in several locales. */
@Module({ providers: [EditionService], exports: [EditionService] })
export class EditionModule {}
