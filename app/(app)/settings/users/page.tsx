import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { USER_SORT, userList } from '@/lib/users/queries';
import { readSort } from '@/lib/list/sort';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { CreateUserForm } from '@/components/settings/create-user-form';
import { UserRowActions } from '@/components/settings/user-row-actions';
import { ListTable } from '@/components/data-table/list-table';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Users' };

const dateTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export default async function UsersPage({ searchParams }: ListPageProps) {
  const me = await requirePagePermission('settings:write', '/settings/users');
  const { sort } = readSort(await searchParams, USER_SORT);
  const users = await userList(undefined, sort);
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in, and what each person may do." />
      <SettingsTabs current="/settings/users" />
      <div className="space-y-6">
        <CreateUserForm />
        <Card id="users-title" title={`Users (${users.length})`} padding="none" titleClassName="px-6 pt-5">
          <ListTable
            caption="Users"
            noun={['user', 'users']}
            sort={sort}
            columns={[
              { id: 'user', header: 'User', sortable: true },
              { id: 'status', header: 'Status', sortable: true },
              { id: 'last', header: 'Last sign-in (UTC)', sortable: true, sortDescFirst: true },
              { id: 'actions', header: 'Role and actions' },
            ]}
            rows={users.map((u) => ({
              id: u.id,
              cells: {
                user: (
                  <>
                    <p className="font-medium">
                      {u.name}
                      {u.id === me.id && <span className="ml-2 text-xs text-slate-600">(you)</span>}
                    </p>
                    <p className="break-all text-slate-600">{u.email}</p>
                  </>
                ),
                status: (
                  <span
                    className={
                      `rounded-full px-2 py-0.5 text-xs ` +
                      `font-medium ${u.active ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-800'}`
                    }
                  >
                    {u.active ? 'Active' : 'Deactivated'}
                  </span>
                ),
                last: (
                  <span className="text-slate-700">
                    {u.lastLoginAt ? dateTime.format(new Date(u.lastLoginAt)) : 'Never'}
                  </span>
                ),
                actions: <UserRowActions user={u} isSelf={u.id === me.id} />,
              },
            }))}
          />
        </Card>
      </div>
    </>
  );
}
