/*
  Warnings:

  - The primary key for the `MetricAgentDay` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricDurationBucket` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricElementDay` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricFlowDay` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MetricProcessDay` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- AlterTable
ALTER TABLE "MetricAgentDay" DROP CONSTRAINT "MetricAgentDay_pkey",
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "MetricAgentDay_pkey" PRIMARY KEY ("versionId", "elementId", "day", "kind", "name", "slot");

-- AlterTable
ALTER TABLE "MetricDurationBucket" DROP CONSTRAINT "MetricDurationBucket_pkey",
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "MetricDurationBucket_pkey" PRIMARY KEY ("versionId", "elementId", "day", "bucket", "slot");

-- AlterTable
ALTER TABLE "MetricElementDay" DROP CONSTRAINT "MetricElementDay_pkey",
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "MetricElementDay_pkey" PRIMARY KEY ("versionId", "elementId", "day", "slot");

-- AlterTable
ALTER TABLE "MetricFlowDay" DROP CONSTRAINT "MetricFlowDay_pkey",
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "MetricFlowDay_pkey" PRIMARY KEY ("versionId", "flowId", "day", "slot");

-- AlterTable
ALTER TABLE "MetricProcessDay" DROP CONSTRAINT "MetricProcessDay_pkey",
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "MetricProcessDay_pkey" PRIMARY KEY ("versionId", "day", "slot");
