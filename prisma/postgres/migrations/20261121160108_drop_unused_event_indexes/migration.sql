-- DropIndex
DROP INDEX "InstanceEvent_elementId_at_idx";

-- DropIndex
DROP INDEX "InstanceEvent_instanceId_type_elementId_idx";

-- DropIndex
DROP INDEX "InstanceEvent_type_at_idx";
