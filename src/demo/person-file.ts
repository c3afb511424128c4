// A synthetic person file for testing and benchmarking record deduplication (`cif resolve`): one CSV of
// person records in which about a fifth of the rows are further records of people already in the file,
// keyed in again with the slips real files have, and in which households, juniors, twins and namesakes
// look alike without being the same person. The last column, person_id, is the truth.
//
// It runs in two passes. The first builds every person household by household into typed arrays (a few
// tens of bytes each). The second shuffles the record slots and writes each row from its person and its
// own seeded stream, so the file order gives nothing away and a million rows need only tens of megabytes.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Random, WeightedTable } from './random.ts';
import { cities, directions, streetNames, streetSuffixes } from './places.ts';
import { femaleGivenNames, maleGivenNames, surnames, type GivenNameEntry } from './name-lists.ts';
import { loadNicknameReference } from './nickname-reference.ts';
import { capitalise, typo } from './record-variation.ts';
import { phoneNumber } from './contact-details.ts';
import { csvCell, recasedEmail } from './text-formats.ts';
import { civilOf, dayOf, isoDay, isoText, isRealDate } from './calendar.ts';
import { LineSink } from './line-sink.ts';
import type { HouseholdKind } from './population.ts';

export interface PersonFileOptions {
  /** The CSV file to write (its folder is created if need be). */
  path: string;
  /** Rows to write, duplicates included. */
  records: number;
  seed: number;
  /** The share of rows that are extra records of persons already in the file: 0 to 0.5, default 0.2. */
  duplicateShare?: number;
}

export interface PersonFileResult {
  records: number;
  /** Distinct persons (distinct person_id values). */
  persons: number;
  path: string;
}

export const personFileHeader =
  'record_id,first_name,middle_name,last_name,birth_date,gender,email,phone,street_number,address_1,city,postcode,state,person_id';

// Seeded streams, one per kind of draw, so that changing one part leaves the others alone.
const planStream = 201;
const householdStream = 202;
const shuffleStream = 203;
const recordStream = 204;

const asOfDay = dayOf(2026, 10, 31);
const earliestBirth = dayOf(1930, 1, 1);
const latestBirth = asOfDay - Math.ceil(18 * 365.25);
const yearDays = 365.25;

/** How many extra records a person with duplicates has: mostly one, a few up to four (five records in all). */
const extraCounts = new WeightedTable([1, 2, 3, 4], [78, 15, 5, 2]);

const householdKinds = new WeightedTable<HouseholdKind>(
  ['single', 'couple', 'family', 'single_parent', 'junior', 'housemates', 'three_generations'],
  [34, 28, 18, 5, 4, 6, 5],
);
const twinChance = 0.12;
const namesakeChance = 0.03;
const movedChance = 0.15;

const emailDomains = ['example.com', 'example.com', 'example.com', 'example.net', 'example.net', 'example.org'];

// ---------------------------------------------------------------------------------------------------
// Names: given names of both sexes in one table (nicknames only those the shipped reference knows), and
// the lower-case words e-mail addresses are made of.

interface NameTables {
  givens: GivenNameEntry[];
  maleTable: WeightedTable<number>;
  femaleTable: WeightedTable<number>;
  surnameTable: WeightedTable<number>;
  /** Lower-case letters-only forms of given names, nicknames and surnames, as e-mail uses them. */
  words: string[];
  givenWord: Uint16Array;
  /** For given name i, its nicknames' word indexes. */
  nicknameWords: number[][];
  surnameWord: Uint16Array;
}

let tables: NameTables | undefined;

function nameTables(): NameTables {
  if (tables) return tables;
  const reference = loadNicknameReference();
  const known = (entry: GivenNameEntry): GivenNameEntry => ({
    ...entry,
    nicknames: entry.nicknames.filter((n) => reference.get(entry.name.toLowerCase())?.has(n)),
  });
  const givens = [...maleGivenNames.map(known), ...femaleGivenNames.map(known)];
  const maleCount = maleGivenNames.length;
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const word = (text: string) => {
    const plain = text.toLowerCase().replace(/[^a-z]/g, '');
    let i = wordIndex.get(plain);
    if (i === undefined) {
      i = words.length;
      words.push(plain);
      wordIndex.set(plain, i);
    }
    return i;
  };
  const givenWord = Uint16Array.from(givens, (g) => word(g.name));
  const nicknameWords = givens.map((g) => g.nicknames.map(word));
  const surnameWord = Uint16Array.from(surnames, word);
  if (words.length > 1024) throw new Error('too many name words for the e-mail keys');
  tables = {
    givens,
    maleTable: WeightedTable.zipf(
      givens.slice(0, maleCount).map((_, i) => i),
      0.9,
      2,
    ),
    femaleTable: WeightedTable.zipf(
      givens.slice(maleCount).map((_, i) => maleCount + i),
      0.9,
      2,
    ),
    surnameTable: WeightedTable.zipf(
      surnames.map((_, i) => i),
      0.75,
      3,
    ),
    words,
    givenWord,
    nicknameWords,
    surnameWord,
  };
  return tables;
}

// ---------------------------------------------------------------------------------------------------
// Addresses, kept as columns: a household's address, and the one before its last move.

class AddressBook {
  size = 0;
  city: Uint16Array;
  street: Uint8Array;
  number: Uint16Array;
  /** 0 none; 1–40 a flat number; 41–76 '1A' … '9D'. */
  unit: Uint8Array;
  zip: Uint8Array;

  constructor(capacity: number) {
    this.city = new Uint16Array(capacity);
    this.street = new Uint8Array(capacity);
    this.number = new Uint16Array(capacity);
    this.unit = new Uint8Array(capacity);
    this.zip = new Uint8Array(capacity);
  }

  add(rng: Random, city: number): number {
    if (this.size === this.city.length) this.grow();
    const i = this.size++;
    this.city[i] = city;
    this.street[i] = rng.int(streetNames.length);
    this.number[i] = Math.max(1, Math.floor(Math.pow(10, 0.3 + rng.next() * 3.7)));
    this.unit[i] = rng.chance(0.22) ? (rng.chance(0.8) ? rng.between(1, 40) : rng.between(41, 76)) : 0;
    this.zip[i] = rng.between(1, 60);
    return i;
  }

  private grow(): void {
    const capacity = this.city.length * 2 + 16;
    const grown = <T extends Uint8Array | Uint16Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.city = grown(this.city, (n) => new Uint16Array(n));
    this.street = grown(this.street, (n) => new Uint8Array(n));
    this.number = grown(this.number, (n) => new Uint16Array(n));
    this.unit = grown(this.unit, (n) => new Uint8Array(n));
    this.zip = grown(this.zip, (n) => new Uint8Array(n));
  }
}

// ---------------------------------------------------------------------------------------------------
// Persons, kept as columns.

const none = -1;
const noEmail = 255;

class People {
  readonly gender: Uint8Array; // 1 male, 0 female
  readonly given: Uint16Array;
  /** Given-name index + 1, or 0 for no middle name. */
  readonly middle: Uint16Array;
  readonly family: Uint16Array;
  /** Surname index + 1 of the name before marriage, or 0. */
  readonly maiden: Uint16Array;
  readonly birth: Int32Array;
  readonly address: Int32Array;
  readonly previousAddress: Int32Array;
  readonly mobile: Int32Array;
  readonly home: Int32Array;
  readonly otherPhone: Int32Array;
  readonly emailShape: Uint8Array;
  readonly emailWord: Uint16Array;
  readonly emailDomain: Uint8Array;
  readonly emailHolder: Uint32Array;
  readonly otherShape: Uint8Array;
  readonly otherDomain: Uint8Array;
  readonly otherHolder: Uint32Array;

  constructor(readonly count: number) {
    this.gender = new Uint8Array(count);
    this.given = new Uint16Array(count);
    this.middle = new Uint16Array(count);
    this.family = new Uint16Array(count);
    this.maiden = new Uint16Array(count);
    this.birth = new Int32Array(count);
    this.address = new Int32Array(count);
    this.previousAddress = new Int32Array(count);
    this.mobile = new Int32Array(count);
    this.home = new Int32Array(count);
    this.otherPhone = new Int32Array(count);
    this.emailShape = new Uint8Array(count).fill(noEmail);
    this.emailWord = new Uint16Array(count);
    this.emailDomain = new Uint8Array(count);
    this.emailHolder = new Uint32Array(count);
    this.otherShape = new Uint8Array(count).fill(noEmail);
    this.otherDomain = new Uint8Array(count);
    this.otherHolder = new Uint32Array(count);
  }
}

interface Sketch {
  gender: 0 | 1;
  age: number;
  family: number;
  given?: number;
  middle?: number;
  maiden?: number;
  /** Members with the same twin mark share a birth date. */
  twin?: number;
  junior?: boolean;
}

/**
 * The local part's canonical key, so a provider hands each address out once: bob.smith and smith.bob
 * with the names the other way round are the same text, so they share a key (shapes 0 and 4).
 */
function emailKey(shape: number, given: number, family: number, yy: number, words: string[]): number {
  const initial = words[given]!.charCodeAt(0);
  switch (shape) {
    case 0: return ((0 * 1024 + given) * 1024 + family) * 100;
    case 4: return ((0 * 1024 + family) * 1024 + given) * 100;
    case 1: return ((1 * 1024 + given) * 1024 + family) * 100;
    case 2: return ((2 * 1024 + initial) * 1024 + family) * 100;
    case 3: return ((3 * 1024 + given) * 1024 + family) * 100;
    case 5: return ((4 * 1024 + given) * 1024 + family) * 100 + yy;
    case 6: return ((5 * 1024 + given) * 1024) * 100 + yy;
    default: return ((6 * 1024 + initial) * 1024 + family) * 100;
  }
}

/** bob.smith, bobsmith, bsmith, bob_smith, smith.bob, bob.smith71, bob71, b.smith — then _2, _3 for later holders. */
function emailText(shape: number, g: string, f: string, yy: number, holder: number, domain: number): string {
  const y = yy < 10 ? `0${yy}` : String(yy);
  let local: string;
  switch (shape) {
    case 0: local = `${g}.${f}`; break;
    case 1: local = `${g}${f}`; break;
    case 2: local = `${g[0]}${f}`; break;
    case 3: local = `${g}_${f}`; break;
    case 4: local = `${f}.${g}`; break;
    case 5: local = `${g}.${f}${y}`; break;
    case 6: local = `${g}${y}`; break;
    default: local = `${g[0]}.${f}`;
  }
  return `${holder > 1 ? `${local}_${holder}` : local}@${emailDomains[domain]!}`;
}

/** Builds the persons household by household: who lives together, their names, dates, phones and e-mail. */
class PopulationBuilder {
  private readonly rng = new Random();
  private readonly t = nameTables();
  private readonly cityTable = new WeightedTable(
    cities.map((_, i) => i),
    cities.map((c) => c.weight),
  );
  private readonly emailHolders = new Map<number, number>();
  private readonly recentHeads = new Map<number, { given: number; family: number }[]>();
  private phoneSequence = 0;
  private filled = 0;
  readonly addresses: AddressBook;

  constructor(private readonly seed: number, readonly people: People, private readonly extras: Uint8Array) {
    this.addresses = new AddressBook(Math.ceil(people.count * 0.6) + 16);
  }

  build(): void {
    for (let household = 0; this.filled < this.people.count; household++) this.household(household);
    this.emailHolders.clear();
  }

  private household(h: number): void {
    const rng = this.rng.reseed(this.seed, householdStream, h);
    const city = this.cityTable.draw(rng);
    const address = this.addresses.add(rng, city);
    const previous = rng.chance(movedChance) ? this.addresses.add(rng, rng.chance(0.6) ? city : this.cityTable.draw(rng)) : none;
    const sketches = this.compose(rng, householdKinds.draw(rng), city);
    let oldest = 0;
    for (const s of sketches) oldest = Math.max(oldest, s.age);
    const home = rng.chance(oldest > 55 ? 0.7 : 0.35) ? this.phoneSequence++ : none;

    const p = this.people;
    const used = new Set<number>();
    const twinBirth = new Map<number, number>();
    let headBirth = 0;
    let headGiven = 0;
    for (let m = 0; m < sketches.length && this.filled < p.count; m++) {
      const s = sketches[m]!;
      let given = s.given;
      for (let attempt = 0; given === undefined || (used.has(given) && !s.junior && attempt < 8); attempt++) given = this.givenName(rng, s.gender);
      used.add(given);
      let birth = asOfDay - Math.round(s.age * yearDays) - rng.int(365);
      if (s.junior) birth = headBirth + Math.round((sketches[0]!.age - s.age) * yearDays) + rng.between(-150, 150);
      if (s.twin !== undefined) birth = twinBirth.get(s.twin) ?? birth;
      birth = Math.min(latestBirth, Math.max(earliestBirth, birth));
      if (s.twin !== undefined) twinBirth.set(s.twin, birth);
      if (m === 0) {
        headBirth = birth;
        headGiven = given;
      }

      const i = this.filled++;
      const duplicated = this.extras[i]! > 0;
      p.gender[i] = s.gender;
      p.given[i] = given;
      p.middle[i] = s.middle !== undefined ? s.middle : rng.chance(0.7) ? this.middleName(rng, s.gender, given) + 1 : 0;
      p.family[i] = s.family;
      p.maiden[i] = s.maiden ?? 0;
      p.birth[i] = birth;
      p.address[i] = address;
      p.previousAddress[i] = previous;
      p.home[i] = home;
      p.mobile[i] = rng.chance(s.age < 75 ? 0.95 : 0.75) ? this.phoneSequence++ : none;
      p.otherPhone[i] = duplicated && rng.chance(0.25) ? this.phoneSequence++ : none;
      if (rng.chance(s.age < 30 ? 0.95 : s.age < 60 ? 0.9 : s.age < 75 ? 0.7 : 0.45)) {
        const nicknames = this.t.nicknameWords[given]!;
        const word = nicknames.length > 0 && rng.chance(0.25) ? rng.pick(nicknames) : this.t.givenWord[given]!;
        const shape = rng.int(8);
        p.emailShape[i] = shape;
        p.emailWord[i] = word;
        p.emailDomain[i] = rng.int(emailDomains.length);
        p.emailHolder[i] = this.holder(shape, word, s.family, birth);
        if (duplicated && rng.chance(0.25)) {
          const other = (shape + 1 + rng.int(7)) % 8;
          p.otherShape[i] = other;
          p.otherDomain[i] = rng.int(emailDomains.length);
          p.otherHolder[i] = this.holder(other, word, s.family, birth);
        }
      }
    }
    this.remember(city, headGiven, sketches[0]!.family);
  }

  private holder(shape: number, word: number, family: number, birth: number): number {
    const key = emailKey(shape, word, this.t.surnameWord[family]!, civilOf(birth).year % 100, this.t.words);
    const holders = (this.emailHolders.get(key) ?? 0) + 1;
    this.emailHolders.set(key, holders);
    return holders;
  }

  private compose(rng: Random, kind: HouseholdKind, city: number): Sketch[] {
    const family = this.t.surnameTable.draw(rng);
    switch (kind) {
      case 'single':
        return [this.maybeNamesake(rng, { gender: sex(rng), age: adultAge(rng), family }, city)];
      case 'couple':
        return this.couple(rng, family, adultAge(rng, 22), city);
      case 'family': {
        const age = rng.between(40, 64);
        const children = grownChildren(rng, family, age, 3);
        if (rng.chance(twinChance)) {
          const twinAge = age - rng.between(20, Math.min(40, age - 18));
          children.push({ gender: sex(rng), age: twinAge, family, twin: 1 }, { gender: sex(rng), age: twinAge, family, twin: 1 });
        }
        return [...this.couple(rng, family, age, city), ...children];
      }
      case 'single_parent': {
        const age = rng.between(40, 62);
        return [{ gender: rng.chance(0.75) ? 0 : 1, age, family }, ...grownChildren(rng, family, age, 2)];
      }
      case 'junior': {
        // a father and his son of the same full name at one address, 21 to 34 years apart
        const age = rng.between(52, 80);
        const named = this.maybeNamesake(rng, { gender: 1, age, family }, city);
        const given = named.given ?? this.givenName(rng, 1);
        const middle = rng.chance(0.85) ? this.middleName(rng, 1, given) + 1 : 0;
        const father: Sketch = { gender: 1, age, family: named.family, given, middle };
        const junior: Sketch = { gender: 1, age: age - rng.between(21, 34), family: named.family, given, middle, junior: true };
        return rng.chance(0.6) ? [father, this.spouse(rng, named.family, age, 1), junior] : [father, junior];
      }
      case 'housemates': {
        let count = 2;
        while (count < 4 && rng.chance(0.3)) count++;
        const people: Sketch[] = [];
        for (let i = 0; i < count; i++) people.push({ gender: sex(rng), age: rng.between(21, 40), family: this.t.surnameTable.draw(rng) });
        return people;
      }
      case 'three_generations': {
        const age = rng.between(34, 58);
        const parent: Sketch = { gender: sex(rng), age: Math.min(96, age + rng.between(22, 36)), family };
        return [...this.couple(rng, family, age, city), parent, ...grownChildren(rng, family, age, 2)];
      }
    }
  }

  private couple(rng: Random, family: number, age: number, city: number): Sketch[] {
    const headGender = rng.chance(0.7) ? 1 : 0;
    const head = this.maybeNamesake(rng, { gender: headGender, age, family }, city);
    if (rng.chance(0.05)) {
      const partnerFamily = rng.chance(0.3) ? head.family : this.t.surnameTable.draw(rng);
      return [head, { gender: head.gender, age: clampAge(age + rng.between(-6, 6)), family: partnerFamily }];
    }
    return [head, this.spouse(rng, head.family, age, head.gender)];
  }

  /** A spouse of the other sex; a wife usually took the household's surname and keeps her maiden name in some records. */
  private spouse(rng: Random, family: number, partnerAge: number, partnerGender: 0 | 1): Sketch {
    const gender = partnerGender === 1 ? 0 : 1;
    const age = clampAge(partnerAge + rng.between(-6, 6));
    if (gender === 1) return { gender, age, family };
    const maiden = this.t.surnameTable.draw(rng);
    if (maiden !== family && rng.chance(0.75)) return { gender, age, family, maiden: maiden + 1 };
    return { gender, age, family: maiden };
  }

  /** Now and then a head shares the full name of someone recently seen in the same city: the common-name trap. */
  private maybeNamesake(rng: Random, sketch: Sketch, city: number): Sketch {
    const recent = this.recentHeads.get(city);
    if (!recent || recent.length === 0 || !rng.chance(namesakeChance)) return sketch;
    const other = rng.pick(recent);
    if (sketch.gender !== (other.given < maleGivenNames.length ? 1 : 0)) return sketch;
    return { ...sketch, given: other.given, family: other.family };
  }

  private remember(city: number, given: number, family: number): void {
    let recent = this.recentHeads.get(city);
    if (!recent) this.recentHeads.set(city, (recent = []));
    recent.push({ given, family });
    if (recent.length > 16) recent.shift();
  }

  private givenName(rng: Random, gender: number): number {
    return (gender === 1 ? this.t.maleTable : this.t.femaleTable).draw(rng);
  }

  private middleName(rng: Random, gender: number, given: number): number {
    let middle = this.givenName(rng, gender);
    if (middle === given) middle = this.givenName(rng, gender);
    return middle;
  }
}

function sex(rng: Random): 0 | 1 {
  return rng.chance(0.5) ? 0 : 1;
}

function grownChildren(rng: Random, family: number, parentAge: number, most: number): Sketch[] {
  const children: Sketch[] = [];
  const count = rng.between(1, most);
  for (let i = 0; i < count; i++) {
    const age = parentAge - rng.between(20, 40);
    if (age >= 18 && rng.chance(0.6)) children.push({ gender: sex(rng), age, family });
  }
  return children;
}

function adultAge(rng: Random, youngest = 19): number {
  return rng.chance(0.85) ? rng.between(youngest, 75) : rng.between(75, 92);
}

function clampAge(age: number): number {
  return Math.min(96, Math.max(19, age));
}

// ---------------------------------------------------------------------------------------------------
// One record as keyed: the person's truth with the slips and stale values real files have.

/** One keystroke: a letter doubled or a neighbouring key (insertion), or the slips typo() makes. */
function slip(rng: Random, name: string): string {
  if (name.length >= 3 && rng.chance(0.25)) {
    const at = rng.between(1, name.length - 1);
    return name.slice(0, at) + name[at] + name.slice(at);
  }
  return typo(rng, name);
}

/** The birth date as keyed: mostly right; missing about 3 %, day and month swapped, or one digit off. */
function birthText(rng: Random, day: number): string {
  const r = rng.next();
  if (r < 0.03) return '';
  if (r < 0.045) {
    const c = civilOf(day);
    if (c.day <= 12 && c.day !== c.month) return isoText({ year: c.year, month: c.day, day: c.month });
  } else if (r < 0.06) {
    const c = civilOf(day);
    for (let attempt = 0; attempt < 5; attempt++) {
      const which = rng.int(3);
      const slipped =
        which === 0
          ? { ...c, year: c.year - (c.year % 10) + rng.int(10) }
          : which === 1
            ? { ...c, day: c.day - (c.day % 10) + rng.int(10) }
            : { ...c, month: c.month - (c.month % 10) + rng.int(10) };
      if (isRealDate(slipped) && isoText(slipped) !== isoText(c)) return isoText(slipped);
    }
  }
  return isoDay(day);
}

function phoneText(rng: Random, digits: string): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 6);
  const c = digits.slice(6);
  const r = rng.next();
  if (r < 0.3) return `(${a}) ${b}-${c}`;
  if (r < 0.55) return `${a}-${b}-${c}`;
  if (r < 0.75) return digits;
  if (r < 0.85) return `+1 ${a} ${b} ${c}`;
  if (r < 0.95) return `${a}.${b}.${c}`;
  return `+1 (${a}) ${b}-${c}`;
}

function streetText(rng: Random, book: AddressBook, a: number): string {
  const city = book.city[a]!;
  const street = book.street[a]!;
  // a street keeps its suffix and direction within a city, as real streets do
  const trait = (city * 7919 + street * 104729) >>> 0;
  const direction = trait % 9 < 4 ? directions[trait % 9]! : null;
  const suffix = streetSuffixes[(trait >>> 4) % streetSuffixes.length]!;
  let text = direction ? `${rng.chance(0.85) ? direction.abbreviation : direction.full} ` : '';
  text += `${streetNames[street]!} ${rng.chance(0.85) ? suffix.abbreviation : suffix.full}`;
  const unitCode = book.unit[a]!;
  if (unitCode > 0) {
    const unit = unitCode <= 40 ? String(unitCode) : `${1 + ((unitCode - 41) >> 2)}${'ABCD'[(unitCode - 41) & 3]}`;
    const r = rng.next();
    text += r < 0.55 ? ` Apt ${unit}` : r < 0.8 ? ` #${unit}` : r < 0.88 ? ` Unit ${unit}` : `, Apt ${unit}`;
  }
  return text;
}

class RecordWriter {
  private readonly rng = new Random();
  private readonly t = nameTables();
  private readonly idWidth: number;
  private readonly personWidth: number;

  constructor(private readonly seed: number, private readonly people: People, private readonly book: AddressBook, records: number) {
    this.idWidth = Math.max(7, String(records).length);
    this.personWidth = Math.max(7, String(people.count).length);
  }

  /** Row `row` of the file: record `copy` (0 the first) of person `p`, drawn from the stream of its slot. */
  line(row: number, slot: number, p: number, copy: number): string {
    const rng = this.rng.reseed(this.seed, recordStream, slot);
    const people = this.people;
    const t = this.t;
    const extra = copy > 0;
    const entry = t.givens[people.given[p]!]!;

    let first = entry.name;
    if (entry.nicknames.length > 0 && rng.chance(extra ? 0.15 : 0.04)) first = capitalise(rng.pick(entry.nicknames));
    if (rng.chance(extra ? 0.05 : 0.015)) first = slip(rng, first);
    const maiden = people.maiden[p]!;
    let last = maiden > 0 && rng.chance(extra ? 0.45 : 0.2) ? surnames[maiden - 1]! : surnames[people.family[p]!]!;
    if (rng.chance(extra ? 0.04 : 0.012)) last = slip(rng, last);
    let middle = '';
    const middleIndex = people.middle[p]!;
    if (middleIndex > 0) {
      const full = t.givens[middleIndex - 1]!.name;
      const r = rng.next();
      middle = r < 0.55 ? full : r < 0.75 ? full[0]! : r < 0.85 ? `${full[0]!}.` : '';
    }
    if (rng.chance(extra ? 0.012 : 0.003)) [first, last] = [last, first];

    const birth = birthText(rng, people.birth[p]!);
    let gender = people.gender[p] === 1 ? 'M' : 'F';

    let email = '';
    const shape = people.emailShape[p]!;
    if (shape !== noEmail && !rng.chance(0.15)) {
      const g = t.words[people.emailWord[p]!]!;
      const f = t.words[t.surnameWord[people.family[p]!]!]!;
      const yy = civilOf(people.birth[p]!).year % 100;
      const other = people.otherShape[p]!;
      email =
        other !== noEmail && rng.chance(0.4)
          ? emailText(other, g, f, yy, people.otherHolder[p]!, people.otherDomain[p]!)
          : emailText(shape, g, f, yy, people.emailHolder[p]!, people.emailDomain[p]!);
      const r = rng.next();
      if (r < 0.06) email = recasedEmail(email);
      else if (r < 0.08) email = email.toUpperCase();
    }

    let phone = '';
    if (!rng.chance(0.2)) {
      const mobile = people.mobile[p]!;
      const home = people.home[p]!;
      const other = people.otherPhone[p]!;
      const chosen = other !== none && rng.chance(0.4) ? other : mobile !== none && (home === none || rng.chance(0.7)) ? mobile : home;
      if (chosen !== none) phone = phoneText(rng, phoneNumber(chosen));
    }

    const previous = people.previousAddress[p]!;
    const a = previous !== none && rng.chance(0.35) ? previous : people.address[p]!;
    const book = this.book;
    const city = cities[book.city[a]!]!;
    let streetNumber = String(book.number[a]!);
    let street = streetText(rng, book, a);
    let cityName = city.name;
    let postcode = `${city.zipPrefix}${book.zip[a]! < 10 ? '0' : ''}${book.zip[a]!}`;
    let state = city.state;

    const casing = rng.next();
    if (casing < 0.04) {
      first = first.toUpperCase();
      middle = middle.toUpperCase();
      last = last.toUpperCase();
      street = street.toUpperCase();
      cityName = cityName.toUpperCase();
    } else if (casing < 0.055) {
      first = first.toLowerCase();
      middle = middle.toLowerCase();
      last = last.toLowerCase();
      street = street.toLowerCase();
      cityName = cityName.toLowerCase();
    }
    if (rng.chance(0.025)) {
      const where = rng.int(4);
      if (where === 0) street = street.replace(' ', '  ');
      else if (where === 1) last = `${last} `;
      else if (where === 2) first = ` ${first}`;
      else cityName = `${cityName} `;
    }

    // fields left empty now and then, any of them
    if (rng.chance(0.003)) first = '';
    if (rng.chance(0.002)) last = '';
    if (rng.chance(0.01)) gender = '';
    if (rng.chance(0.01)) streetNumber = '';
    if (rng.chance(0.008)) street = '';
    if (rng.chance(0.01)) cityName = '';
    if (rng.chance(0.015)) postcode = '';
    if (rng.chance(0.012)) state = '';

    return (
      `r${pad(row + 1, this.idWidth)},${csvCell(first)},${csvCell(middle)},${csvCell(last)},${birth},${gender},${csvCell(email)},` +
      `${phone},${streetNumber},${csvCell(street)},${csvCell(cityName)},${postcode},${state},p${pad(p + 1, this.personWidth)}`
    );
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------------

/**
 * Writes the person file: `records` rows, about `records * duplicateShare` of them extra records of
 * persons already in it, in shuffled order. The same options always give the same bytes.
 */
export async function writePersonFile(options: PersonFileOptions): Promise<PersonFileResult> {
  const { path, records, seed, duplicateShare = 0.2 } = options;
  if (!Number.isSafeInteger(records) || records < 1 || records > 50_000_000) throw new RangeError(`records must be a whole number from 1 to 50,000,000, not ${records}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  if (!(duplicateShare >= 0 && duplicateShare <= 0.5)) throw new RangeError(`duplicateShare must be between 0 and 0.5, not ${duplicateShare}`);
  if (!path) throw new RangeError('path is required');

  // How many records each person has: the extra records go to persons picked evenly over the file.
  const duplicates = Math.round(records * duplicateShare);
  const persons = records - duplicates;
  const plan = new Random(seed, planStream);
  const groups = new Uint8Array(duplicates);
  let groupCount = 0;
  for (let left = duplicates; left > 0; ) {
    const extra = Math.min(left, extraCounts.draw(plan));
    groups[groupCount++] = extra;
    left -= extra;
  }
  const extras = new Uint8Array(persons);
  for (let i = 0, chosen = 0; i < persons && chosen < groupCount; i++) {
    if (plan.next() * (persons - i) < groupCount - chosen) extras[i] = groups[chosen++]!;
  }

  const people = new People(persons);
  const builder = new PopulationBuilder(seed, people, extras);
  builder.build();

  // Record slots in person order, then shuffled into file order.
  const start = new Int32Array(persons + 1);
  for (let p = 0; p < persons; p++) start[p + 1] = start[p]! + 1 + extras[p]!;
  const personOfSlot = new Int32Array(records);
  for (let p = 0; p < persons; p++) personOfSlot.fill(p, start[p]!, start[p + 1]!);
  const order = shuffledSlots(records, personOfSlot, new Random(seed, shuffleStream));

  await mkdir(dirname(path), { recursive: true });
  const sink = new LineSink(path, personFileHeader);
  const writer = new RecordWriter(seed, people, builder.addresses, records);
  for (let row = 0; row < records; row++) {
    const slot = order[row]!;
    const p = personOfSlot[slot]!;
    sink.add(writer.line(row, slot, p, slot - start[p]!));
    if ((row & 1023) === 1023 && sink.full) await sink.ready();
  }
  await sink.close();
  return { records, persons, path };
}

/** A Fisher–Yates shuffle of the slots, then a pass that moves apart any two records of one person left side by side. */
function shuffledSlots(records: number, personOfSlot: Int32Array, rng: Random): Int32Array {
  const order = new Int32Array(records);
  for (let i = 0; i < records; i++) order[i] = i;
  for (let i = records - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const kept = order[i]!;
    order[i] = order[j]!;
    order[j] = kept;
  }
  const person = (at: number) => (at >= 0 && at < records ? personOfSlot[order[at]!]! : -1);
  const clashes = (at: number) => person(at) === person(at - 1) || person(at) === person(at + 1);
  for (let i = 1; i < records; i++) {
    if (person(i) !== person(i - 1)) continue;
    for (let attempt = 0; attempt < 64; attempt++) {
      const j = rng.int(records);
      if (Math.abs(j - i) <= 1) continue;
      const kept = order[i]!;
      order[i] = order[j]!;
      order[j] = kept;
      if (!clashes(i) && !clashes(j)) break;
      order[j] = order[i]!;
      order[i] = kept;
    }
  }
  return order;
}
