-- CreateIndex
CREATE INDEX "ProgressReport_indicatorId_periodEnd_idx" ON "ProgressReport"("indicatorId", "periodEnd");

-- CreateIndex
CREATE INDEX "ProgressReport_reportedById_id_idx" ON "ProgressReport"("reportedById", "id");

-- CreateIndex
CREATE INDEX "ProgressReport_reportedById_indicatorId_id_idx" ON "ProgressReport"("reportedById", "indicatorId", "id");
