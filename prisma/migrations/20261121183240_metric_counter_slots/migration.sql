/*
  Warnings:

  - The primary key for the `MetricAgentDay` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricDurationBucket` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricElementDay` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricFlowDay` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricProcessDay` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MetricAgentDay" (
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "elementId", "day", "kind", "name", "slot")
);
INSERT INTO "new_MetricAgentDay" ("calls", "costUsd", "day", "elementId", "inputTokens", "kind", "name", "outputTokens", "versionId") SELECT "calls", "costUsd", "day", "elementId", "inputTokens", "kind", "name", "outputTokens", "versionId" FROM "MetricAgentDay";
DROP TABLE "MetricAgentDay";
ALTER TABLE "new_MetricAgentDay" RENAME TO "MetricAgentDay";
CREATE TABLE "new_MetricDurationBucket" (
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "elementId", "day", "bucket", "slot")
);
INSERT INTO "new_MetricDurationBucket" ("bucket", "count", "day", "elementId", "versionId") SELECT "bucket", "count", "day", "elementId", "versionId" FROM "MetricDurationBucket";
DROP TABLE "MetricDurationBucket";
ALTER TABLE "new_MetricDurationBucket" RENAME TO "MetricDurationBucket";
CREATE TABLE "new_MetricElementDay" (
    "versionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "activated" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "terminated" INTEGER NOT NULL DEFAULT 0,
    "incidents" INTEGER NOT NULL DEFAULT 0,
    "slaBreaches" INTEGER NOT NULL DEFAULT 0,
    "durationSumMs" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "elementId", "day", "slot")
);
INSERT INTO "new_MetricElementDay" ("activated", "completed", "day", "durationSumMs", "elementId", "incidents", "slaBreaches", "terminated", "versionId") SELECT "activated", "completed", "day", "durationSumMs", "elementId", "incidents", "slaBreaches", "terminated", "versionId" FROM "MetricElementDay";
DROP TABLE "MetricElementDay";
ALTER TABLE "new_MetricElementDay" RENAME TO "MetricElementDay";
CREATE TABLE "new_MetricFlowDay" (
    "versionId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "taken" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "flowId", "day", "slot")
);
INSERT INTO "new_MetricFlowDay" ("day", "flowId", "taken", "versionId") SELECT "day", "flowId", "taken", "versionId" FROM "MetricFlowDay";
DROP TABLE "MetricFlowDay";
ALTER TABLE "new_MetricFlowDay" RENAME TO "MetricFlowDay";
CREATE TABLE "new_MetricProcessDay" (
    "versionId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "slot" INTEGER NOT NULL DEFAULT 0,
    "started" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "incidents" INTEGER NOT NULL DEFAULT 0,
    "slaBreaches" INTEGER NOT NULL DEFAULT 0,
    "durationSumMs" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("versionId", "day", "slot")
);
INSERT INTO "new_MetricProcessDay" ("cancelled", "completed", "day", "durationSumMs", "incidents", "processKey", "slaBreaches", "started", "versionId") SELECT "cancelled", "completed", "day", "durationSumMs", "incidents", "processKey", "slaBreaches", "started", "versionId" FROM "MetricProcessDay";
DROP TABLE "MetricProcessDay";
ALTER TABLE "new_MetricProcessDay" RENAME TO "MetricProcessDay";
CREATE INDEX "MetricProcessDay_processKey_day_idx" ON "MetricProcessDay"("processKey", "day");
CREATE INDEX "MetricProcessDay_day_idx" ON "MetricProcessDay"("day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
