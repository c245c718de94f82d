-- The sender of each inbound message as a column, and a partial index over unfinished rows only:
-- claimForProcessing (src/inbound/store.ts) checks that the sender's earlier messages are finished;
-- through payload->>'externalUserId' that check parsed every unfinished row's JSON on every claim,
-- O(backlog) per turn during a burst. Existing rows get their sender from the payload.
-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "sender" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "InboundEvent_unfinished_by_sender_idx" ON "InboundEvent"("platform", "sender", "id") WHERE (status IN ('received', 'processing'));

-- Backfill
UPDATE "InboundEvent" SET "sender" = COALESCE(payload->>'externalUserId', '');
