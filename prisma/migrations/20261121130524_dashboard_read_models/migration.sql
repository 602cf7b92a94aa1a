-- CreateTable
CREATE TABLE "MetricProcessDay" (
    "versionId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "started" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "incidents" INTEGER NOT NULL DEFAULT 0,
    "slaBreaches" INTEGER NOT NULL DEFAULT 0,
    "durationSumMs" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "day")
);

-- CreateTable
CREATE TABLE "MetricElementDay" (
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "activated" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "terminated" INTEGER NOT NULL DEFAULT 0,
    "incidents" INTEGER NOT NULL DEFAULT 0,
    "slaBreaches" INTEGER NOT NULL DEFAULT 0,
    "durationSumMs" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "elementId", "day")
);

-- CreateTable
CREATE TABLE "MetricDurationBucket" (
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "elementId", "day", "bucket")
);

-- CreateTable
CREATE TABLE "MetricFlowDay" (
    "versionId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "flowId", "day")
);

-- CreateTable
CREATE TABLE "MetricAgentDay" (
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "elementId", "day", "kind", "name")
);

-- CreateTable
CREATE TABLE "SlaBreach" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instanceId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "durationMs" REAL NOT NULL,
    "targetMs" REAL NOT NULL
);

-- CreateIndex
CREATE INDEX "MetricProcessDay_processKey_day_idx" ON "MetricProcessDay"("processKey", "day");

-- CreateIndex
CREATE INDEX "MetricProcessDay_day_idx" ON "MetricProcessDay"("day");

-- CreateIndex
CREATE INDEX "SlaBreach_processKey_at_idx" ON "SlaBreach"("processKey", "at");

-- CreateIndex
CREATE INDEX "SlaBreach_at_idx" ON "SlaBreach"("at");

-- CreateIndex
CREATE INDEX "SlaBreach_instanceId_idx" ON "SlaBreach"("instanceId");
