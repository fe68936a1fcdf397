import 'server-only';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { db, type Tx } from '@/lib/db';
import type { UserDto } from '@/lib/users/schemas';

const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  email: string;
  name: string;
  role: UserDto['role'];
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
};

export function toUserDto(u: Row): UserDto {
  return { ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() };
}

/** The users list's header sort: active people first (status), then by email. */
export const USER_SORT = sortSpec(['user', 'status', 'last'], { id: 'status', desc: false });

export async function userList(
  tx: Tx = db,
  sort: ListSort<(typeof USER_SORT.columns)[number]> = USER_SORT.default,
): Promise<UserDto[]> {
  const dir = sort.desc ? 'desc' : 'asc';
  const rows = await tx.user.findMany({
    select: SELECT,
    orderBy:
      sort.id === 'user'
        ? [{ email: dir }]
        : sort.id === 'last'
          ? [{ lastLoginAt: { sort: dir, nulls: 'last' } }, { email: 'asc' }]
          : // status ascending: active people first
            [{ active: sort.desc ? 'asc' : 'desc' }, { email: 'asc' }],
  });
  return rows.map(toUserDto);
}

export async function userById(id: string, tx: Tx = db): Promise<UserDto | null> {
  const row = await tx.user.findUnique({ where: { id }, select: SELECT });
  return row && toUserDto(row);
}

export const USER_SELECT = SELECT;
