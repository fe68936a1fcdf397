/**
 * The permission map of docs/design.md. Pure data: imported by server guards and by the UI (to hide what a
 * role cannot do; hiding is never the protection). API-key scopes use the same names.
 */
export const ROLES = ['admin', 'manager', 'warehouse', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'reports:read', // dashboard and reports
  'orders:read',
  'orders:create',
  'orders:cancel', // cancel unfulfilled orders or lines
  'orders:write', // edit, hold/release, approve fraud review, and everything above
  'orders:import', // import order history and open orders from another system (CSV)
  'channels:write', // per-channel listing settings (available to sell)
  'inventory:read',
  'inventory:adjust', // adjust, transfer, cycle count
  'inventory:approve_count', // review count variances and complete counts above the approval limit
  'purchasing:read', // suppliers, purchase orders (read)
  'purchasing:write', // create and edit suppliers and purchase orders; send, cancel, close
  'purchasing:receive', // receive goods against a purchase order
  'fulfillment:write', // pick, pack, ship, labels
  'returns:request', // request and approve returns
  'returns:receive', // receive and inspect returns
  'refunds:issue', // support: up to the shop's refund limit
  'refunds:approve', // refunds above the limit
  'support:tickets',
  'ledger:read',
  'ledger:write', // manual journal entries, accounts, rates, payouts, revaluations (was ledger:post)
  'settings:write', // settings, users, API keys
  'events:read', // the domain event feed
  'webhooks:write', // webhook subscriptions and their deliveries (admin)
  'feedback:read', // the feedback inbox, the What to fix report, GET /feedback (decision 027)
  'feedback:write', // tag, reply to answers, edit themes, import answers (POST /feedback)
  'automation:read', // automation rules and their run logs
  'automation:write', // build, dry-run, enable and delete automation rules (admin, manager)
  'settings:operations', // operational limits: refund limit, fraud threshold, count approval limit (decision 032)
  'purchasing:approve', // approve or reject supplier bills outside the three-way-match tolerance (decision 034)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  manager: ALL.filter((p) => p !== 'settings:write' && p !== 'webhooks:write'),
  warehouse: [
    'orders:read',
    'inventory:read',
    'inventory:adjust',
    'purchasing:receive',
    'fulfillment:write',
    'returns:receive',
  ],
  support: [
    'orders:read',
    'orders:create',
    'orders:cancel',
    'inventory:read',
    'returns:request',
    'refunds:issue',
    'support:tickets',
    'feedback:read',
    'feedback:write',
  ],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Scopes renamed since keys were issued: a key holding the old name holds the new one. Issue 17's
 * contract names `ledger:write` (decision 035); keys created with `ledger:post` keep working.
 */
const SCOPE_ALIASES: Partial<Record<Permission, string>> = { 'ledger:write': 'ledger:post' };

/** API-key scopes: a list of permissions, or '*' for all of them. */
export function scopesHave(scopes: readonly string[], permission: Permission): boolean {
  const alias = SCOPE_ALIASES[permission];
  return scopes.includes('*') || scopes.includes(permission) || (!!alias && scopes.includes(alias));
}

/**
 * May this actor do it: a user by their role, an API key by its scopes, the system (seed, jobs)
 * always. The one answer to "may this actor approve a refund / a count / close an unverified parcel".
 */
export function actorCan(
  actor: { type: 'user'; role: Role } | { type: 'api_key'; scopes: readonly string[] } | { type: 'system' },
  permission: Permission,
): boolean {
  if (actor.type === 'user') return roleHas(actor.role, permission);
  if (actor.type === 'api_key') return scopesHave(actor.scopes, permission);
  return true;
}

export type SectionKey =
  | 'dashboard'
  | 'orders'
  | 'inventory'
  | 'purchasing'
  | 'fulfillment'
  | 'returns'
  | 'support'
  | 'feedback'
  | 'ledger'
  | 'automation'
  | 'settings';

/** The app's sections, in sidebar order, and the permissions that open each (any one of them). */
export const SECTIONS: readonly {
  key: SectionKey;
  label: string;
  href: string;
  anyOf: readonly Permission[];
}[] = [
  { key: 'dashboard', label: 'Dashboard', href: '/dashboard', anyOf: ['reports:read'] },
  { key: 'orders', label: 'Orders', href: '/orders', anyOf: ['orders:read'] },
  { key: 'inventory', label: 'Inventory', href: '/inventory', anyOf: ['inventory:read'] },
  {
    key: 'purchasing',
    label: 'Purchasing',
    href: '/purchasing',
    anyOf: ['purchasing:read', 'purchasing:receive'],
  },
  { key: 'fulfillment', label: 'Fulfillment', href: '/fulfillment', anyOf: ['fulfillment:write'] },
  { key: 'returns', label: 'Returns', href: '/returns', anyOf: ['returns:request', 'returns:receive'] },
  { key: 'support', label: 'Support', href: '/support', anyOf: ['support:tickets'] },
  { key: 'feedback', label: 'Feedback', href: '/feedback', anyOf: ['feedback:read'] },
  { key: 'ledger', label: 'Ledger', href: '/ledger', anyOf: ['ledger:read'] },
  { key: 'automation', label: 'Automation', href: '/automation', anyOf: ['automation:read'] },
  {
    key: 'settings',
    label: 'Settings',
    href: '/settings',
    anyOf: ['settings:write', 'settings:operations'],
  },
];

export function sectionsFor(role: Role) {
  return SECTIONS.filter((s) => s.anyOf.some((p) => roleHas(role, p)));
}

export function canOpenSection(role: Role, key: SectionKey): boolean {
  const section = SECTIONS.find((s) => s.key === key);
  return !!section && section.anyOf.some((p) => roleHas(role, p));
}

/**
 * Each role's default start page: where its work waits (issue 15 item 4). Warehouse staff work the
 * fulfillment queue, support agents their inbox, managers and admins read the dashboard.
 */
export const DEFAULT_START_PAGE: Record<Role, SectionKey> = {
  admin: 'dashboard',
  manager: 'dashboard',
  warehouse: 'fulfillment',
  support: 'support',
};

/**
 * Where a user lands after signing in: the start page they picked if their role can open it (a role
 * change may have taken it away), else their role's default, else their first section.
 */
export function homeFor(role: Role, startPage?: string | null): string {
  const sections = sectionsFor(role);
  const pick = (key: string | null | undefined) => sections.find((s) => s.key === key)?.href;
  return pick(startPage) ?? pick(DEFAULT_START_PAGE[role]) ?? sections[0]?.href ?? '/';
}
