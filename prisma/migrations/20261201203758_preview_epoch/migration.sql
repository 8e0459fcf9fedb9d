-- Preview tokens name the article's preview epoch they were issued in;
-- raising it (archive, unpublish, restore, revocation) ends the older ones.
-- AlterTable
ALTER TABLE "article" ADD COLUMN     "preview_epoch" INTEGER NOT NULL DEFAULT 0;
