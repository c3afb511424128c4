// The demo's users: one per role, password "demo", so each screen can be tried as the people who use it.
import type { Ods, UserRole } from '../ods/index.ts';
import { hashPassword } from '../server/access/index.ts';

export const demoPassword = 'demo';
const staffRoles: UserRole[] = ['agent', 'marketer', 'analyst', 'steward', 'admin'];

/** Adds the users the ODS does not have yet (named after their role); the customer user is the smallest customer id. */
export async function ensureDemoUsers(ods: Ods): Promise<{ name: string; role: UserRole; customerId: number | null }[]> {
  const [first] = await ods.query<{ id: number | null }>('select min(customer_id) as id from customer');
  const wanted = [
    ...staffRoles.map((role) => ({ name: role as string, role, customerId: null as number | null })),
    ...(first?.id == null ? [] : [{ name: 'customer', role: 'customer' as const, customerId: Number(first.id) }]),
  ];
  const users = [];
  for (const want of wanted) {
    const held = await ods.findUser(want.name);
    if (!held) await ods.addUser({ ...want, passwordHash: await hashPassword(demoPassword) });
    users.push(held ? { name: held.name, role: held.role, customerId: held.customerId } : want);
  }
  return users;
}

export function printDemoUsers(users: { name: string; role: UserRole; customerId: number | null }[], log: (line: string) => void): void {
  log('');
  log(`sign in as ${users.map((u) => u.name).join(', ')}, password "${demoPassword}":`);
  for (const u of users) log(`  ${u.name.padEnd(9)} ${u.role}${u.customerId === null ? '' : ` (customer ${u.customerId})`}`);
  const customer = users.find((u) => u.role === 'customer');
  if (customer) log(`staff sign in at /, a customer at /portal (as "${customer.name}": their own details, products and contact choices)`);
}
