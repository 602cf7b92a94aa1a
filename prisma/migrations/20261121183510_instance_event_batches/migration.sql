-- The event log becomes one row per commit and instance (InstanceEventBatch) instead of one row
-- per event. Every existing event is kept, as a row of its own with its id and txid 0 (the global
-- stream's position stays valid: a client resuming after an old id gets exactly the events after it).

-- CreateTable
CREATE TABLE "InstanceEventBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instanceId" TEXT NOT NULL,
    "firstSeq" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "events" TEXT NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT 0
);

-- Copy the log (AUTOINCREMENT continues after the highest id copied)
INSERT INTO "InstanceEventBatch" ("id", "instanceId", "firstSeq", "lastSeq", "events")
SELECT "id", "instanceId", "seq", "seq", json_array(json_object('actor', "actor", 'event', json("payload")))
FROM "InstanceEvent" ORDER BY "id";

-- DropTable
DROP TABLE "InstanceEvent";

-- CreateIndex
CREATE UNIQUE INDEX "InstanceEventBatch_instanceId_lastSeq_key" ON "InstanceEventBatch"("instanceId", "lastSeq");

-- CreateIndex
CREATE INDEX "InstanceEventBatch_txid_id_idx" ON "InstanceEventBatch"("txid", "id");
