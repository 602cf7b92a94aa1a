-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InstanceEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instanceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "v" INTEGER NOT NULL DEFAULT 1,
    "payload" TEXT NOT NULL,
    "elementId" TEXT,
    "actor" TEXT,
    "at" DATETIME NOT NULL
);
INSERT INTO "new_InstanceEvent" ("actor", "at", "elementId", "id", "instanceId", "payload", "seq", "type", "v") SELECT "actor", "at", "elementId", "id", "instanceId", "payload", "seq", "type", "v" FROM "InstanceEvent";
DROP TABLE "InstanceEvent";
ALTER TABLE "new_InstanceEvent" RENAME TO "InstanceEvent";
CREATE UNIQUE INDEX "InstanceEvent_instanceId_seq_key" ON "InstanceEvent"("instanceId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
