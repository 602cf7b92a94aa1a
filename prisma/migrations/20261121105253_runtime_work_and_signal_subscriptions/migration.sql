-- CreateTable
CREATE TABLE "RuntimeWork" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MessageSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT,
    "versionId" TEXT,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'message',
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT,
    "interrupting" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_MessageSubscription" ("correlationKey", "createdAt", "elementId", "elementInstanceId", "id", "instanceId", "messageName", "status", "versionId") SELECT "correlationKey", "createdAt", "elementId", "elementInstanceId", "id", "instanceId", "messageName", "status", "versionId" FROM "MessageSubscription";
DROP TABLE "MessageSubscription";
ALTER TABLE "new_MessageSubscription" RENAME TO "MessageSubscription";
CREATE INDEX "MessageSubscription_messageName_correlationKey_status_idx" ON "MessageSubscription"("messageName", "correlationKey", "status");
CREATE INDEX "MessageSubscription_kind_messageName_idx" ON "MessageSubscription"("kind", "messageName");
CREATE INDEX "MessageSubscription_instanceId_idx" ON "MessageSubscription"("instanceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RuntimeWork_dueAt_idx" ON "RuntimeWork"("dueAt");

-- CreateIndex
CREATE INDEX "RuntimeWork_instanceId_idx" ON "RuntimeWork"("instanceId");
