-- CreateTable
CREATE TABLE "DingTalkCallbackSeen" (
    "pair" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DingTalkCallbackSeen_pkey" PRIMARY KEY ("pair")
);

-- CreateIndex
CREATE INDEX "DingTalkCallbackSeen_expiresAt_idx" ON "DingTalkCallbackSeen"("expiresAt");
