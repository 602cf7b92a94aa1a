import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency directions of ARCHITECTURE.md are enforced by eslint.config.mjs. These tests
// lint small snippets as if they sat at a given path, so a weakened rule fails here.
const repoRoot = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency directions', () => {
  it.each([
    ['lib/engine/core/probe.ts', "import { PrismaClient } from '@prisma/client';"],
    ['lib/engine/core/probe.ts', "import { getDb } from '@/lib/db/client';"],
    ['lib/engine/core/probe.ts', "import { useState } from 'react';"],
    ['lib/engine/core/probe.ts', "import { NextResponse } from 'next/server';"],
    ['lib/engine/core/probe.ts', "import { runWorker } from '@/lib/engine/runtime/worker';"],
    ['lib/engine/core/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['lib/bpmn/probe.ts', "import { BpmnModdle } from 'bpmn-moddle';"],
    ['lib/bpmn/probe.ts', "import { getDb } from '@/lib/db/client';"],
    ['lib/models/probe.ts', "import Page from '@/app/models/page';"],
    ['components/probe.tsx', "import { getDb } from '@/lib/db/client';"],
    ['components/probe.tsx', "import { executeCommand } from '@/lib/engine/runtime/execute-command';"],
  ])('given %s importing a forbidden module, when linted, then the import is refused', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each([
    ['lib/engine/core/probe.ts', "import { z } from 'zod';\nimport { evaluate } from 'feelin';\nimport type { BpmnModel } from '@/lib/bpmn/model';"],
    ['lib/bpmn/xml/probe.ts', "import { BpmnModdle } from 'bpmn-moddle';"],
    ['app/probe.tsx', "import { getDb } from '@/lib/db/client';"],
  ])('given %s importing an allowed module, when linted, then nothing is refused', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
