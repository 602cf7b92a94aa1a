-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("userId", "role"),
    CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    PRIMARY KEY ("userId", "groupId"),
    CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" DATETIME,
    "refreshTokenExpiresAt" DATETIME,
    "scope" TEXT,
    "password" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Verification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "roles" TEXT NOT NULL DEFAULT '[]',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProcessModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "draft" TEXT NOT NULL,
    "lock" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    "latestVersion" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProcessVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "processKey" TEXT NOT NULL,
    "bpmnXml" TEXT NOT NULL,
    "modelJson" TEXT NOT NULL,
    "compiled" TEXT,
    "checksum" TEXT NOT NULL,
    "message" TEXT,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retentionDays" INTEGER,
    CONSTRAINT "ProcessVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ProcessModel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "businessKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedById" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "snapshot" TEXT NOT NULL,
    "openIncidents" INTEGER NOT NULL DEFAULT 0,
    "parentInstanceId" TEXT,
    "parentElementId" TEXT,
    CONSTRAINT "ProcessInstance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ProcessVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InstanceEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instanceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "v" INTEGER NOT NULL DEFAULT 1,
    "payload" TEXT NOT NULL,
    "elementId" TEXT,
    "actor" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "InstanceEvent_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ProcessInstance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'activatable',
    "retriesLeft" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "dueAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "idempotencyKey" TEXT NOT NULL,
    "variables" TEXT NOT NULL DEFAULT '{}',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Timer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT,
    "versionId" TEXT,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "spec" TEXT NOT NULL,
    "repetitionsLeft" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MessageSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT,
    "versionId" TEXT,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BufferedMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "correlationKey" TEXT,
    "messageId" TEXT,
    "variables" TEXT NOT NULL DEFAULT '{}',
    "expiresAt" DATETIME NOT NULL,
    "correlatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "UserTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'created',
    "assignee" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "dueAt" DATETIME,
    "followUpAt" DATETIME,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "completedAt" DATETIME,
    "completedById" TEXT,
    "result" TEXT
);

-- CreateTable
CREATE TABLE "UserTaskCandidate" (
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("taskId", "kind", "value"),
    CONSTRAINT "UserTaskCandidate_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "UserTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT,
    "jobId" TEXT,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT
);

-- CreateTable
CREATE TABLE "Tool" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "inputSchema" TEXT NOT NULL,
    "implementation" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}'
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
