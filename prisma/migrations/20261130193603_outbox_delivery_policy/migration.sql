-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'reply',
ADD COLUMN     "orderKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "progress" JSONB,
ADD COLUMN     "resentInDoubt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sendStartedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SendBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "OutboundMessage_orderKey_id_idx" ON "OutboundMessage"("orderKey", "id");

-- Rows queued before this migration: each keeps a queue of its own target, and reminders are
-- marked as such (their outbox rows are linked from ReminderDelivery).
UPDATE "OutboundMessage" SET "orderKey" = platform::text || ':' || target::text WHERE "orderKey" = '';
UPDATE "OutboundMessage" o SET kind = 'reminder' FROM "ReminderDelivery" d WHERE d."outboxId" = o.id;
