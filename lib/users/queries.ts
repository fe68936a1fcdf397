import 'server-only';
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

export async function userList(tx: Tx = db): Promise<UserDto[]> {
  const rows = await tx.user.findMany({ select: SELECT, orderBy: [{ active: 'desc' }, { email: 'asc' }] });
  return rows.map(toUserDto);
}

export async function userById(id: string, tx: Tx = db): Promise<UserDto | null> {
  const row = await tx.user.findUnique({ where: { id }, select: SELECT });
  return row && toUserDto(row);
}

export const USER_SELECT = SELECT;
