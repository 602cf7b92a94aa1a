-- CreateIndex
CREATE INDEX "ProcessInstance_status_processKey_idx" ON "ProcessInstance"("status", "processKey");
