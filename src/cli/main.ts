// The cif command. Each sub-command is a small function; errors a user can fix print one clear line, no stack.
import { parseArgs } from 'node:util';
import { commands } from './commands.ts';

const usage = `cif — the Customer Information Factory

  cif generate --customers N [--seed S] --out DIR   write a synthetic enterprise (its operational systems) to DIR
  cif run   [--dir DIR]                             one acquisition run over every source
  cif stats [--dir DIR] [--json]                    how many customers, households, products per customer…
  cif deliver [--dir DIR] [--full]                  bring the marts up to the warehouse: what changed, or all anew (a run does it too)
  cif kpis  [--dir DIR] [--json]                    the standard KPIs: customers, churn, products per customer, revenue…
                                                    and today's: contacts, open complaints by age, address changes not delivered
  cif score [--dir DIR]                             train the churn and cross-sell models, score every customer (value, tier,
                                                    collection treatment) and send the scores to the ODS (a run does it too)
  cif analytics report [--dir DIR] [--json]         the latest score run: the models' quality on the hold-out, bands, tiers
  cif serve [--dir DIR] [--port P]                  the HTTP API and the screens (default port 4400)
  cif demo  [--dir DIR] [--customers N] [--port P]  generate if missing, run, serve (what npm start does)
  cif resolve FILE [FILE2] --id COLUMN --map ROLE=COLUMN[,ROLE=COLUMN…] --out OUT.csv [--date-format F] [--threshold P]
                                                    deduplicate a CSV file of people, or link two, with no configuration
  cif explain [--dir DIR] SOURCE:KEY SOURCE:KEY      why two source records are, or are not, one customer
  cif explain [--dir DIR] --customer ID             each source record of a customer against its golden record
  cif explain [--dir DIR] --model [--json]          the matching model's parameters: m, u and weight of every level
  cif review  [--dir DIR] [--limit N]               the steward's queue of uncertain matches
  cif review  [--dir DIR] PAIR --same|--different --reason TEXT [--by NAME]
                                                    decide a pair; the decision is applied by a run at once
  cif users add --name NAME --role ROLE --password PW [--customer ID] [--dir DIR]
                                                    who may sign in: ROLE is agent, marketer, analyst, steward, admin or customer
  cif users list [--dir DIR] [--json]               the users and their roles
  cif outbound [--dir DIR] [--status S] [--limit N] changes delivered to the operational systems: counts, dead letters
  cif outbound replay ID|--all [--dir DIR]          a dead delivery (or every one) pending again
  cif outbound deliver [--dir DIR]                  deliver what is due once (without cif serve)
  cif sql "SELECT …" [--dir DIR] [--format table|csv|json] [--limit N]
                                                    ad-hoc SQL over the published warehouse and marts (read-only)

Roles for --map: first_name, middle_name, last_name, full_name, birth_date, gender, email, phone, street_number,
address_1, address_2, city, postcode, state, country, national_id.
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
    full: { type: 'boolean' },
    port: { type: 'string' },
    json: { type: 'boolean' },
    id: { type: 'string' },
    map: { type: 'string', multiple: true },
    'date-format': { type: 'string' },
    threshold: { type: 'string' },
    customer: { type: 'string' },
    model: { type: 'boolean' },
    limit: { type: 'string' },
    same: { type: 'boolean' },
    different: { type: 'boolean' },
    reason: { type: 'string' },
    by: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
    status: { type: 'string' },
    all: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
} as const;

const { positionals, values } = readArgs();

const name = positionals[0];
if (!name || values.help || !(name in commands)) {
  console.log(usage);
  process.exit(name && !values.help ? 2 : 0);
}

try {
  await commands[name as keyof typeof commands]({ ...values, positionals: positionals.slice(1), dateFormat: values['date-format'] });
} catch (error) {
  const e = error as Error;
  const userFacing = ['ConfigError', 'DirectoryLockedError', 'SourceFileError', 'UsageError', 'NotPublishedError', 'ExplorationError'].includes(e.name);
  console.error(`cif ${name}: ${e.message}`);
  if (!userFacing && process.env.CIF_DEBUG) console.error(e.stack);
  process.exit(userFacing ? 2 : 1);
}
