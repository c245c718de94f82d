-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BudgetProject" (
    "id" SERIAL NOT NULL,
    "goalTableId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "BudgetProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetEntry" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "month" INTEGER,
    "amount" DECIMAL(14,2) NOT NULL,
    "source" TEXT NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "enteredById" INTEGER,
    "rawText" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviationReason" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "roundKey" TEXT NOT NULL,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "cause" TEXT,
    "text" TEXT,
    "likelihood" TEXT,
    "expectedValue" DOUBLE PRECISION,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "reportedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviationReason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetProject_goalTableId_name_key" ON "BudgetProject"("goalTableId", "name");

-- CreateIndex
CREATE INDEX "BudgetEntry_projectId_kind_month_idx" ON "BudgetEntry"("projectId", "kind", "month");

-- CreateIndex
CREATE UNIQUE INDEX "DeviationReason_indicatorId_roundKey_key" ON "DeviationReason"("indicatorId", "roundKey");

-- AddForeignKey
ALTER TABLE "BudgetProject" ADD CONSTRAINT "BudgetProject_goalTableId_fkey" FOREIGN KEY ("goalTableId") REFERENCES "GoalTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetEntry" ADD CONSTRAINT "BudgetEntry_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BudgetProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetEntry" ADD CONSTRAINT "BudgetEntry_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviationReason" ADD CONSTRAINT "DeviationReason_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviationReason" ADD CONSTRAINT "DeviationReason_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
