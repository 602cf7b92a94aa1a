-- AlterTable
ALTER TABLE "MessageSubscription" ADD COLUMN     "interrupting" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'message';

-- CreateTable
CREATE TABLE "RuntimeWork" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuntimeWork_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RuntimeWork_dueAt_idx" ON "RuntimeWork"("dueAt");

-- CreateIndex
CREATE INDEX "RuntimeWork_instanceId_idx" ON "RuntimeWork"("instanceId");

-- CreateIndex
CREATE INDEX "MessageSubscription_kind_messageName_idx" ON "MessageSubscription"("kind", "messageName");
