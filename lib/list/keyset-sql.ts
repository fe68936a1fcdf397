import { Prisma } from '@/lib/generated/prisma/client.ts';

/**
 * The keyset of a raw-SQL list that sorts by one column in either direction (decision 030): the
 * column's expression, then the tie-breaks that make a row's place unique (its id), all in the sort's
 * direction, so that one row comparison finds the rows after a page's last whichever way the list
 * runs, and two reads of a page never split equal keys differently. The expressions are written in
 * the query module, never taken from the URL; `after` holds the last row's values (cast as the
 * expressions are), in the same order. No expression may be NULL (coalesce it first): a row
 * comparison with a NULL is never true.
 */
export function keysetSql(
  desc: boolean,
  keys: readonly Prisma.Sql[],
  after?: readonly Prisma.Sql[],
): { orderBy: Prisma.Sql; after: Prisma.Sql | null } {
  if (after && after.length !== keys.length) throw new Error('a keyset cursor needs one value per key');
  const dir = Prisma.raw(desc ? 'DESC' : 'ASC');
  return {
    orderBy: Prisma.join(
      keys.map((k) => Prisma.sql`${k} ${dir}`),
      ', ',
    ),
    after: after
      ? Prisma.sql`(${Prisma.join(keys, ', ')}) ${Prisma.raw(desc ? '<' : '>')} (${Prisma.join(after, ', ')})`
      : null,
  };
}
