-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "GroupMembership_pkey" PRIMARY KEY ("userId","groupId")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "roles" TEXT NOT NULL DEFAULT '[]',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessModel" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "draft" TEXT NOT NULL,
    "lock" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,
    "latestVersion" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "ProcessModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessVersion" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "processKey" TEXT NOT NULL,
    "bpmnXml" TEXT NOT NULL,
    "modelJson" TEXT NOT NULL,
    "compiled" TEXT,
    "checksum" TEXT NOT NULL,
    "message" TEXT,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retentionDays" INTEGER,

    CONSTRAINT "ProcessVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessInstance" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "businessKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "snapshot" TEXT NOT NULL,
    "openIncidents" INTEGER NOT NULL DEFAULT 0,
    "parentInstanceId" TEXT,
    "parentElementId" TEXT,

    CONSTRAINT "ProcessInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceEvent" (
    "id" SERIAL NOT NULL,
    "instanceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "v" INTEGER NOT NULL DEFAULT 1,
    "payload" TEXT NOT NULL,
    "elementId" TEXT,
    "actor" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstanceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'activatable',
    "retriesLeft" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "idempotencyKey" TEXT NOT NULL,
    "variables" TEXT NOT NULL DEFAULT '{}',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Timer" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT,
    "versionId" TEXT,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "spec" TEXT NOT NULL,
    "repetitionsLeft" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Timer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageSubscription" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT,
    "versionId" TEXT,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BufferedMessage" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "correlationKey" TEXT,
    "messageId" TEXT,
    "variables" TEXT NOT NULL DEFAULT '{}',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "correlatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BufferedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserTask" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'created',
    "assignee" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "dueAt" TIMESTAMP(3),
    "followUpAt" TIMESTAMP(3),
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "result" TEXT,

    CONSTRAINT "UserTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserTaskCandidate" (
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "UserTaskCandidate_pkey" PRIMARY KEY ("taskId","kind","value")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "jobId" TEXT,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tool" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "inputSchema" TEXT NOT NULL,
    "implementation" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "UserRole_role_idx" ON "UserRole"("role");

-- CreateIndex
CREATE UNIQUE INDEX "Group_name_key" ON "Group"("name");

-- CreateIndex
CREATE INDEX "GroupMembership_groupId_idx" ON "GroupMembership"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_token_key" ON "Session"("token");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE INDEX "Verification_identifier_idx" ON "Verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessModel_key_key" ON "ProcessModel"("key");

-- CreateIndex
CREATE INDEX "ProcessModel_updatedAt_idx" ON "ProcessModel"("updatedAt");

-- CreateIndex
CREATE INDEX "ProcessVersion_processKey_number_idx" ON "ProcessVersion"("processKey", "number");

-- CreateIndex
CREATE INDEX "ProcessVersion_checksum_idx" ON "ProcessVersion"("checksum");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessVersion_modelId_number_key" ON "ProcessVersion"("modelId", "number");

-- CreateIndex
CREATE INDEX "ProcessInstance_status_startedAt_idx" ON "ProcessInstance"("status", "startedAt");

-- CreateIndex
CREATE INDEX "ProcessInstance_processKey_status_startedAt_idx" ON "ProcessInstance"("processKey", "status", "startedAt");

-- CreateIndex
CREATE INDEX "ProcessInstance_versionId_status_idx" ON "ProcessInstance"("versionId", "status");

-- CreateIndex
CREATE INDEX "ProcessInstance_businessKey_idx" ON "ProcessInstance"("businessKey");

-- CreateIndex
CREATE INDEX "ProcessInstance_startedById_startedAt_idx" ON "ProcessInstance"("startedById", "startedAt");

-- CreateIndex
CREATE INDEX "ProcessInstance_openIncidents_startedAt_idx" ON "ProcessInstance"("openIncidents", "startedAt");

-- CreateIndex
CREATE INDEX "ProcessInstance_parentInstanceId_idx" ON "ProcessInstance"("parentInstanceId");

-- CreateIndex
CREATE INDEX "ProcessInstance_status_endedAt_idx" ON "ProcessInstance"("status", "endedAt");

-- CreateIndex
CREATE INDEX "InstanceEvent_type_at_idx" ON "InstanceEvent"("type", "at");

-- CreateIndex
CREATE INDEX "InstanceEvent_elementId_at_idx" ON "InstanceEvent"("elementId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "InstanceEvent_instanceId_seq_key" ON "InstanceEvent"("instanceId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Job_idempotencyKey_key" ON "Job"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Job_status_type_dueAt_idx" ON "Job"("status", "type", "dueAt");

-- CreateIndex
CREATE INDEX "Job_status_leaseExpiresAt_idx" ON "Job"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Job_instanceId_idx" ON "Job"("instanceId");

-- CreateIndex
CREATE INDEX "Timer_status_dueAt_idx" ON "Timer"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Timer_instanceId_idx" ON "Timer"("instanceId");

-- CreateIndex
CREATE INDEX "Timer_versionId_idx" ON "Timer"("versionId");

-- CreateIndex
CREATE INDEX "MessageSubscription_messageName_correlationKey_status_idx" ON "MessageSubscription"("messageName", "correlationKey", "status");

-- CreateIndex
CREATE INDEX "MessageSubscription_instanceId_idx" ON "MessageSubscription"("instanceId");

-- CreateIndex
CREATE UNIQUE INDEX "BufferedMessage_messageId_key" ON "BufferedMessage"("messageId");

-- CreateIndex
CREATE INDEX "BufferedMessage_name_correlationKey_expiresAt_idx" ON "BufferedMessage"("name", "correlationKey", "expiresAt");

-- CreateIndex
CREATE INDEX "UserTask_status_assignee_createdAt_idx" ON "UserTask"("status", "assignee", "createdAt");

-- CreateIndex
CREATE INDEX "UserTask_status_dueAt_idx" ON "UserTask"("status", "dueAt");

-- CreateIndex
CREATE INDEX "UserTask_status_priority_idx" ON "UserTask"("status", "priority");

-- CreateIndex
CREATE INDEX "UserTask_instanceId_idx" ON "UserTask"("instanceId");

-- CreateIndex
CREATE INDEX "UserTask_processKey_status_idx" ON "UserTask"("processKey", "status");

-- CreateIndex
CREATE INDEX "UserTaskCandidate_kind_value_taskId_idx" ON "UserTaskCandidate"("kind", "value", "taskId");

-- CreateIndex
CREATE INDEX "Incident_status_createdAt_idx" ON "Incident"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Incident_instanceId_idx" ON "Incident"("instanceId");

-- CreateIndex
CREATE INDEX "Incident_elementId_status_idx" ON "Incident"("elementId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_name_key" ON "Tool"("name");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_resourceType_resourceId_at_idx" ON "AuditLog"("resourceType", "resourceId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessVersion" ADD CONSTRAINT "ProcessVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ProcessModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessInstance" ADD CONSTRAINT "ProcessInstance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ProcessVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceEvent" ADD CONSTRAINT "InstanceEvent_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ProcessInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserTaskCandidate" ADD CONSTRAINT "UserTaskCandidate_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "UserTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
