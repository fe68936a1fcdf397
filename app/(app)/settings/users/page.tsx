import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { userList } from '@/lib/users/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { CreateUserForm } from '@/components/settings/create-user-form';
import { UserRowActions } from '@/components/settings/user-row-actions';
import { ScrollRegion } from '@/components/ui/scroll-region';

export const metadata: Metadata = { title: 'Users' };

const dateTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export default async function UsersPage() {
  const me = await requirePagePermission('settings:write', '/settings/users');
  const users = await userList();
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in, and what each person may do." />
      <SettingsTabs current="/settings/users" />
      <div className="space-y-6">
        <CreateUserForm />
        <section aria-labelledby="users-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="users-title" className="px-6 pt-5 text-lg font-semibold">
            Users ({users.length})
          </h2>
          <ScrollRegion label="Users table">
            <table className="mt-3 w-full text-left text-sm">
              <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-6 py-2 font-medium">
                    User
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Last sign-in (UTC)
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Role and actions
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} className="border-b border-slate-100 align-top">
                    <td className="px-6 py-3">
                      <p className="font-medium">
                        {u.name}
                        {u.id === me.id && <span className="ml-2 text-xs text-slate-600">(you)</span>}
                      </p>
                      <p className="text-slate-600">{u.email}</p>
                    </td>
                    <td className="px-3 py-3">
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs font-medium ${u.active ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-800'}`}
                      >
                        {u.active ? 'Active' : 'Deactivated'}
                      </span>
                    </td>
                    <td className="px-3 py-3 text-slate-700">
                      {u.lastLoginAt ? dateTime.format(new Date(u.lastLoginAt)) : 'Never'}
                    </td>
                    <td className="px-3 py-3">
                      <UserRowActions user={u} isSelf={u.id === me.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      </div>
    </>
  );
}
