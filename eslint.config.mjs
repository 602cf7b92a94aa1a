import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Dependency directions (ARCHITECTURE.md), enforced here rather than hoped for:
 * - lib/engine/core imports only lib/bpmn model types, zod and feelin: no Prisma, Next,
 *   React, node I/O or the runtime.
 * - lib/bpmn is pure: no database, Next, React or engine; only lib/bpmn/xml touches an XML library.
 * - nothing in lib imports app/ or components/.
 * - components never import the database or the runtime.
 */
const db = ['@/lib/db', '@/lib/db/*', '@prisma/*', '**/generated/**', 'better-sqlite3', 'pg'];
const framework = ['next', 'next/*', 'react', 'react-dom', 'react/*', '@xyflow/*'];
const uiLayers = ['@/app/*', '@/components/*'];
const nodeIo = ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process'];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: restrict([...uiLayers, '**/app/**', '**/components/**'], 'lib/ must not import app/ or components/ (ARCHITECTURE.md).'),
  },
  {
    files: ['lib/bpmn/**/*.ts'],
    ignores: ['lib/bpmn/**/*.test.ts'],
    rules: restrict(
      [...uiLayers, ...db, ...framework, ...nodeIo, '@/lib/engine/*', '@/lib/engine/**'],
      'lib/bpmn is pure: model, validation, XML and diagram mapping only (ARCHITECTURE.md).',
    ),
  },
  {
    files: ['lib/bpmn/**/*.ts'],
    ignores: ['lib/bpmn/xml/**', 'lib/bpmn/**/*.test.ts'],
    rules: restrict(
      [...uiLayers, ...db, ...framework, ...nodeIo, '@/lib/engine/*', '@/lib/engine/**', 'bpmn-moddle', 'moddle', 'moddle-xml', 'saxen'],
      'Only lib/bpmn/xml touches an XML library (ARCHITECTURE.md).',
    ),
  },
  {
    files: ['lib/engine/core/**/*.ts'],
    ignores: ['lib/engine/core/**/*.test.ts'],
    rules: restrict(
      [...uiLayers, ...db, ...framework, ...nodeIo, '@/lib/engine/runtime', '@/lib/engine/runtime/*', '**/runtime/**', '@/lib/agents/*', '@/lib/auth/*'],
      'lib/engine/core is pure: it imports only lib/bpmn, zod and feelin (ARCHITECTURE.md).',
    ),
  },
  {
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    rules: restrict(
      [...db, '@/lib/engine/runtime', '@/lib/engine/runtime/*', '@/lib/models', '@/lib/models/*'],
      'components/ never import the database or the runtime: pages and actions hand them data (ARCHITECTURE.md).',
    ),
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'lib/db/generated/**', 'reports/**', 'test-results/**', 'playwright-report/**']),
]);
