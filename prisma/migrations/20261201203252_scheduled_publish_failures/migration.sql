-- AlterTable
ALTER TABLE "article" ADD COLUMN     "last_publish_error" TEXT,
ADD COLUMN     "next_publish_attempt_at" TIMESTAMPTZ(3),
ADD COLUMN     "publish_attempts" INTEGER NOT NULL DEFAULT 0;
