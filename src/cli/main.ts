// The cif command. Each sub-command is a small function; errors a user can fix print one clear line, no stack.
import { parseArgs } from 'node:util';
import { commands } from './commands.ts';

const usage = `cif — the Customer Information Factory

  cif generate --customers N [--seed S] --out DIR   write a synthetic enterprise (its operational systems) to DIR
  cif run   [--dir DIR]                             one acquisition run over every source
  cif stats [--dir DIR] [--json]                    how many customers, households, products per customer…
  cif serve [--dir DIR] [--port P]                  the HTTP API and the screens (default port 4400)
  cif demo  [--dir DIR] [--customers N] [--port P]  generate if missing, run, serve (what npm start does)

DIR defaults to the current directory.`;

function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, strict: true, options });
  } catch (error) {
    console.error(`cif: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

const options = {
    customers: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
} as const;

const { positionals, values } = readArgs();

const name = positionals[0];
if (!name || values.help || !(name in commands)) {
  console.log(usage);
  process.exit(name && !values.help ? 2 : 0);
}

try {
  await commands[name as keyof typeof commands](values);
} catch (error) {
  const e = error as Error;
  const userFacing = ['ConfigError', 'DirectoryLockedError', 'SourceFileError', 'UsageError'].includes(e.name);
  console.error(`cif ${name}: ${e.message}`);
  if (!userFacing && process.env.CIF_DEBUG) console.error(e.stack);
  process.exit(userFacing ? 2 : 1);
}
