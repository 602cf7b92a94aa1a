-- DropForeignKey
ALTER TABLE "InstanceEvent" DROP CONSTRAINT "InstanceEvent_instanceId_fkey";
