-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "restoresId" INTEGER;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_restoresId_fkey" FOREIGN KEY ("restoresId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;
