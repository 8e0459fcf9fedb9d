-- CreateIndex
CREATE INDEX "author_photo_media_id_idx" ON "author"("photo_media_id");

-- CreateIndex
CREATE INDEX "published_article_media_ids_idx" ON "published_article" USING GIN ("media_ids");
