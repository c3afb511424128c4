// What one system knows about a person: the same human, keyed in by different clerks over the years.
// Each record may carry a nickname, a typo, a missing phone or e-mail, a slip in the birth date, the
// address before a move, or the surname before a marriage — the variation real customer files have.
import { Random } from './random.ts';
import { civilOf, isRealDate, type Civil } from './calendar.ts';
import type { ProductLine } from './product-catalogue.ts';
import type { Address, Person } from './population.ts';

export interface RecordView {
  given: string;
  /** Full middle name; each system decides whether it keeps an initial. */
  middle: string | null;
  family: string;
  suffix: 'JR' | 'SR' | null;
  /** null when not recorded; may be an impossible date when the record is planted bad input. */
  birth: Civil | null;
  address: Address;
  /** Ten digits, or null. */
  phone: string | null;
  /** Lower case as the person gave it; systems apply their own case. */
  email: string | null;
  /** The e-mail was keyed with different capitals (Bob.Smith@Example.com). */
  emailRecased: boolean;
  updatedDay: number;
}

export interface RecordCircumstances {
  line: ProductLine;
  sinceDay: number;
  asOfDay: number;
  /** This record was last touched before the household moved, so it keeps the old address. */
  beforeMove: boolean;
  /** This record was last touched before the marriage, so it keeps the maiden name. */
  beforeMarriage: boolean;
  /** Planted bad input: a birth date no calendar has. */
  impossibleBirth: boolean;
}

interface SystemHabits {
  nickname: number;
  phone: number;
  email: number;
  homePhoneFirst: number;
}

// How each system's people and forms behave: long distance sales took names over the phone (nicknames),
// cellular always asked for the mobile, cable for whatever number rang at home.
const habits: Record<ProductLine, SystemHabits> = {
  cellular: { nickname: 0.08, phone: 0.92, email: 0.7, homePhoneFirst: 0 },
  long_distance: { nickname: 0.3, phone: 0.85, email: 0.8, homePhoneFirst: 0.9 },
  cable: { nickname: 0.15, phone: 0.88, email: 0.85, homePhoneFirst: 0.5 },
};

export function viewOfRecord(person: Person, rng: Random, at: RecordCircumstances): RecordView {
  const habit = habits[at.line];
  let given = person.given.name;
  if (person.given.nicknames.length > 0 && rng.chance(habit.nickname)) given = capitalise(rng.pick(person.given.nicknames));
  if (rng.chance(0.025)) given = typo(rng, given);
  let family = at.beforeMarriage && person.previousFamily ? person.previousFamily : person.family;
  if (rng.chance(0.025)) family = typo(rng, family);

  const suffix = person.suffix === 'JR' ? (rng.chance(0.85) ? 'JR' : null) : person.suffix === 'SR' ? (rng.chance(0.25) ? 'SR' : null) : null;
  const homeFirst = person.homePhone !== null && rng.chance(habit.homePhoneFirst);
  const phone = rng.chance(habit.phone) ? (homeFirst ? person.homePhone : person.mobile ?? person.homePhone) : null;
  const email = person.email !== null && rng.chance(habit.email) ? person.email : null;

  let updatedDay = rng.between(Math.max(at.sinceDay, at.asOfDay - 1100), at.asOfDay);
  if (at.beforeMove) updatedDay = Math.min(updatedDay, rng.between(at.sinceDay, person.movedOn - 1));
  if (at.beforeMarriage) updatedDay = Math.min(updatedDay, rng.between(at.sinceDay, person.marriedOn - 1));

  return {
    given,
    middle: person.middle,
    family,
    suffix,
    birth: at.impossibleBirth ? impossibleDate(rng, civilOf(person.birthDay).year, at.line) : recordedBirth(rng, person.birthDay),
    address: at.beforeMove && person.previousAddress ? person.previousAddress : person.address,
    phone,
    email,
    emailRecased: email !== null && rng.chance(0.08),
    updatedDay: Math.max(at.sinceDay, updatedDay),
  };
}

/** The birth date as keyed: mostly right, sometimes missing, day and month swapped, or one digit off. */
export function recordedBirth(rng: Random, birthDay: number): Civil | null {
  const r = rng.next();
  const actual = civilOf(birthDay);
  if (r < 0.02) return null;
  if (r < 0.035 && actual.day <= 12 && actual.day !== actual.month) return { year: actual.year, month: actual.day, day: actual.month };
  if (r < 0.05) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const slipped = rng.chance(0.5)
        ? { ...actual, year: actual.year - (actual.year % 10) + rng.int(10) }
        : { ...actual, day: actual.day - (actual.day % 10) + rng.int(10) };
      if (isRealDate(slipped) && (slipped.year !== actual.year || slipped.day !== actual.day)) return slipped;
    }
  }
  return actual;
}

/** A date no calendar has, of the kinds forms let through: 31 February, 31 April, day 45, month 13. */
export function impossibleDate(rng: Random, year: number, line: ProductLine): Civil {
  // the cable system writes month names, where a month 13 cannot even be typed
  const kind = rng.int(line === 'cable' ? 3 : 4);
  if (kind === 0) return { year, month: 2, day: rng.between(30, 31) };
  if (kind === 1) return { year, month: rng.pick([4, 6, 9, 11]), day: 31 };
  if (kind === 2) return { year, month: rng.between(1, 12), day: rng.between(32, 45) };
  return { year, month: 13, day: rng.between(1, 28) };
}

const keyboardNeighbours: Record<string, string> = {
  a: 'qsz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n',
  n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
};

/** One slip of the keyboard: a neighbouring key, two letters swapped, or a letter left out. */
export function typo(rng: Random, name: string): string {
  if (name.length < 3) return name;
  // slips rarely hit the first letter, which the clerk reads back
  const at = rng.between(1, name.length - 1);
  const kind = rng.int(3);
  if (kind === 0) {
    const letter = name[at]!.toLowerCase();
    const near = keyboardNeighbours[letter];
    if (!near) return name.slice(0, at) + name.slice(at + 1);
    return name.slice(0, at) + near[rng.int(near.length)] + name.slice(at + 1);
  }
  if (kind === 1 && at < name.length - 1 && name[at] !== name[at + 1]) return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
  return name.slice(0, at) + name.slice(at + 1);
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
