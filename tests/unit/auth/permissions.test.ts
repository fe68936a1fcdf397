import { describe, expect, it } from 'vitest';
import {
  actorCan,
  canOpenSection,
  homeFor,
  roleHas,
  ROLES,
  scopesHave,
  sectionsFor,
  type Permission,
  type Role,
} from '@/lib/auth/permissions';

// The permission table of docs/design.md, row by row, written out independently of lib/auth/permissions.ts.
const DESIGN: Record<Permission, Role[]> = {
  'reports:read': ['admin', 'manager'],
  'orders:read': ['admin', 'manager', 'warehouse', 'support'],
  'orders:write': ['admin', 'manager'],
  'orders:create': ['admin', 'manager', 'support'],
  'orders:cancel': ['admin', 'manager', 'support'],
  'orders:import': ['admin', 'manager'],
  'channels:write': ['admin', 'manager'],
  'inventory:read': ['admin', 'manager', 'warehouse', 'support'],
  'inventory:adjust': ['admin', 'manager', 'warehouse'],
  // Added after the first design (decision 017): count variances above the approval limit need a manager.
  'inventory:approve_count': ['admin', 'manager'],
  'purchasing:read': ['admin', 'manager'],
  'purchasing:write': ['admin', 'manager'],
  'purchasing:receive': ['admin', 'manager', 'warehouse'],
  'fulfillment:write': ['admin', 'manager', 'warehouse'],
  'returns:request': ['admin', 'manager', 'support'],
  'returns:receive': ['admin', 'manager', 'warehouse'],
  'refunds:issue': ['admin', 'manager', 'support'],
  'refunds:approve': ['admin', 'manager'],
  'support:tickets': ['admin', 'manager', 'support'],
  'ledger:read': ['admin', 'manager'],
  'ledger:write': ['admin', 'manager'],
  'settings:write': ['admin'],
  // Not rows of docs/design.md's table: the event feed reads like reports; webhooks send data out, so admin
  // only (decision 022).
  'events:read': ['admin', 'manager'],
  'webhooks:write': ['admin'],
  // Issue 18 (decision 027): managers and support read and work the feedback inbox.
  'feedback:read': ['admin', 'manager', 'support'],
  'feedback:write': ['admin', 'manager', 'support'],
  // Automation rules: a manager builds them (issue 14, decision 026).
  'automation:read': ['admin', 'manager'],
  'automation:write': ['admin', 'manager'],
  'settings:operations': ['admin', 'manager'],
  // Supplier bills outside the three-way-match tolerance wait for a manager (decision 034).
  'purchasing:approve': ['admin', 'manager'],
};

describe('permission map', () => {
  for (const [permission, allowed] of Object.entries(DESIGN) as [Permission, Role[]][]) {
    for (const role of ROLES) {
      it(`${role} ${allowed.includes(role) ? 'has' : 'lacks'} ${permission}`, () => {
        expect(roleHas(role, permission)).toBe(allowed.includes(role));
      });
    }
  }

  it('shows each role exactly its sections, in sidebar order', () => {
    expect(sectionsFor('admin').map((s) => s.key)).toEqual([
      'dashboard',
      'orders',
      'inventory',
      'purchasing',
      'fulfillment',
      'returns',
      'support',
      'feedback',
      'ledger',
      'automation',
      'settings',
    ]);
    expect(sectionsFor('manager').map((s) => s.key)).toEqual([
      'dashboard',
      'orders',
      'inventory',
      'purchasing',
      'fulfillment',
      'returns',
      'support',
      'feedback',
      'ledger',
      'automation',
      'settings',
    ]);
    // A manager holds only the operational limits of Settings (settings:operations): /settings shows those.
    expect(canOpenSection('manager', 'settings')).toBe(true);
    expect(sectionsFor('warehouse').map((s) => s.key)).toEqual([
      'orders',
      'inventory',
      'purchasing',
      'fulfillment',
      'returns',
    ]);
    expect(sectionsFor('support').map((s) => s.key)).toEqual([
      'orders',
      'inventory',
      'returns',
      'support',
      'feedback',
    ]);
    expect(canOpenSection('support', 'ledger')).toBe(false);
    expect(canOpenSection('warehouse', 'settings')).toBe(false);
  });

  it('lands each role where its work waits, or on the start page the user picked', () => {
    expect(homeFor('admin')).toBe('/dashboard');
    expect(homeFor('manager')).toBe('/dashboard');
    expect(homeFor('warehouse')).toBe('/fulfillment');
    expect(homeFor('support')).toBe('/support');
    expect(homeFor('support', 'orders')).toBe('/orders');
    // A start page the role cannot open (picked before a role change) falls back to the default.
    expect(homeFor('warehouse', 'ledger')).toBe('/fulfillment');
    expect(homeFor('warehouse', 'nonsense')).toBe('/fulfillment');
  });

  it('treats * as every scope and a list as exactly its members', () => {
    expect(scopesHave(['*'], 'settings:write')).toBe(true);
    expect(scopesHave(['orders:read'], 'orders:read')).toBe(true);
    expect(scopesHave(['orders:read'], 'orders:write')).toBe(false);
    expect(scopesHave([], 'orders:read')).toBe(false);
    // ledger:post was renamed ledger:write (issue 17's contract): a key issued before keeps working.
    expect(scopesHave(['ledger:post'], 'ledger:write')).toBe(true);
    expect(scopesHave(['ledger:read'], 'ledger:write')).toBe(false);
  });
});

describe('actorCan', () => {
  it('asks a user’s role, an API key’s scopes, and lets the system do anything', () => {
    expect(actorCan({ type: 'user', role: 'manager' }, 'refunds:approve')).toBe(true);
    expect(actorCan({ type: 'user', role: 'support' }, 'refunds:approve')).toBe(false);
    expect(actorCan({ type: 'api_key', scopes: ['refunds:approve'] }, 'refunds:approve')).toBe(true);
    expect(actorCan({ type: 'api_key', scopes: ['orders:read'] }, 'refunds:approve')).toBe(false);
    expect(actorCan({ type: 'api_key', scopes: ['*'] }, 'inventory:approve_count')).toBe(true);
    expect(actorCan({ type: 'system' }, 'inventory:approve_count')).toBe(true);
  });
});
