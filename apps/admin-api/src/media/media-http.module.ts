import { Module } from '@nestjs/common';

/** Admin routes of the media library (/admin/v1/media). */
@Module({})
export class MediaHttpModule {}
