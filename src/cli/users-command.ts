// cif users: who may sign in to the API and the screens. Opens the ODS under the directory lock, so it refuses
// while `cif serve` holds the directory.
import { loadFactory } from '../config/index.ts';
import { openOds, type UserRole, userRoles } from '../ods/index.ts';
import { lockDirectory } from '../ops/index.ts';
import { hashPassword } from '../server/access/index.ts';
import { UsageError } from './usage-error.ts';

export interface UsersOptions {
  positionals?: string[];
  name?: string;
  role?: string;
  password?: string;
  customer?: string;
  json?: boolean;
}

const addUsage = `cif users add --name NAME --role ${userRoles.join('|')} --password PW [--customer ID] [--dir DIR]`;

/** The user to add, checked before the directory is touched. */
export function userToAdd(o: UsersOptions): { name: string; role: UserRole; password: string; customerId: number | null } {
  const name = o.name?.trim();
  if (!name) throw new UsageError(`--name NAME is required: ${addUsage}`);
  if (!o.role) throw new UsageError(`--role is required, one of ${userRoles.join(', ')}`);
  if (!userRoles.includes(o.role as UserRole)) throw new UsageError(`--role must be one of ${userRoles.join(', ')}, not "${o.role}"`);
  const role = o.role as UserRole;
  if (!o.password) throw new UsageError('--password PW is required');
  if (role === 'customer' && o.customer === undefined) throw new UsageError('a customer user needs --customer ID: the customer they are');
  if (role !== 'customer' && o.customer !== undefined) throw new UsageError(`--customer is for a customer user only, not a ${role}`);
  const customerId = o.customer === undefined ? null : Number(o.customer);
  if (customerId !== null && (!Number.isSafeInteger(customerId) || customerId <= 0)) throw new UsageError(`--customer must be a customer id, not "${o.customer}"`);
  return { name, role, password: o.password, customerId };
}

export async function usersCommand(dir: string, o: UsersOptions): Promise<void> {
  const [action] = o.positionals ?? [];
  if (action !== 'add' && action !== 'list') throw new UsageError(`say what to do: ${addUsage}, or cif users list`);
  const user = action === 'add' ? userToAdd(o) : null;
  const factory = loadFactory(dir);
  const lock = lockDirectory(factory.dataDir, 'cif users');
  try {
    const ods = await openOds(factory.ods);
    try {
      if (user) {
        const added = await ods
          .addUser({ name: user.name, role: user.role, customerId: user.customerId, passwordHash: await hashPassword(user.password) })
          .catch((error: Error) => {
            throw error.name === 'OdsInputError' ? new UsageError(error.message) : error;
          });
        console.log(`added ${added.role} ${added.name}${added.customerId === null ? '' : ` (customer ${added.customerId})`}`);
        return;
      }
      const users = await ods.listUsers();
      if (o.json) return console.log(JSON.stringify(users.map(({ passwordHash: _, ...u }) => u)));
      if (users.length === 0) return console.log(`no users yet: ${addUsage}`);
      for (const u of users) {
        console.log(`${u.name.padEnd(20)} ${u.role.padEnd(9)} ${u.customerId === null ? '' : `customer ${u.customerId}  `}${u.disabledAt ? `disabled ${u.disabledAt}` : ''}`.trimEnd());
      }
    } finally {
      await ods.close();
    }
  } finally {
    lock.release();
  }
}
