-- CreateIndex
CREATE INDEX "InstanceEvent_instanceId_type_elementId_idx" ON "InstanceEvent"("instanceId", "type", "elementId");
