/**
 * Every section of the main navigation, and the action a person needs to see it there (and to
 * open it: each page's <Guarded action> names the same). Plain data, not a client module, so
 * server components can filter it with can().
 */
import type { CoarseAction } from '@/lib/auth/can';

export const NAV_ITEMS = [
  { href: '/models', label: 'Models', action: 'model:read' },
  { href: '/instances', label: 'Instances', action: 'instance:read' },
  { href: '/tasks', label: 'Tasks', action: 'inbox:read' },
  { href: '/dashboard', label: 'Dashboard', action: 'dashboard:read' },
  { href: '/audit', label: 'Audit log', action: 'audit-log:read' },
  { href: '/admin', label: 'Admin', action: 'user:manage' },
] as const satisfies readonly { href: string; label: string; action: CoarseAction }[];

export type NavItem = { href: string; label: string };
