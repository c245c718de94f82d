-- One first report (supersedesId NULL) per indicator and period. Replaces the advisory lock of
-- report-store.ts: with the unique supersedesId this makes every version stack a single chain, so two
-- concurrent confirms cannot leave two standing reports. A database that already holds two first
-- reports of one period (written before the lock existed) fails here naming the key: pick the one
-- that stands and make the other supersede it by hand, then migrate again.
-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_first_of_period_key" ON "ProgressReport"("indicatorId", "periodStart", "periodEnd") WHERE ("supersedesId" IS NULL);
