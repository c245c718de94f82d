-- CreateTable
CREATE TABLE "DeviationQuestion" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "roundKey" TEXT NOT NULL,
    "light" TEXT NOT NULL,
    "askedToId" INTEGER NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviationQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeviationQuestion_indicatorId_roundKey_key" ON "DeviationQuestion"("indicatorId", "roundKey");

-- AddForeignKey
ALTER TABLE "DeviationQuestion" ADD CONSTRAINT "DeviationQuestion_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviationQuestion" ADD CONSTRAINT "DeviationQuestion_askedToId_fkey" FOREIGN KEY ("askedToId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
