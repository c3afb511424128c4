// The real people behind the operational records: households of one to five customers at one address.
// Household kinds follow ordinary life (singles, couples, families with grown children still at home,
// a father and his junior, housemates, three generations) so that the traps the identity step must not
// merge — same address and surname, same full name a generation apart, common names in one city — arise
// the way they do in real customer files.
import { Random, WeightedTable } from './random.ts';
import { cities, directions, streetNames, streetSuffixes, type City, type StreetSuffix } from './places.ts';
import { femaleGivenNames, maleGivenNames, surnames, type Gender, type GivenNameEntry } from './name-lists.ts';
import { EmailRegistry, phoneNumber } from './contact-details.ts';
import { civilOf, dayOf } from './calendar.ts';

export type Role = 'head' | 'spouse' | 'child' | 'junior' | 'parent' | 'housemate';

export interface Address {
  houseNumber: number;
  direction: { abbreviation: string; full: string } | null;
  street: string;
  suffix: StreetSuffix;
  unit: string | null;
  city: City;
  zip: string;
}

export interface Person {
  index: number;
  household: number;
  role: Role;
  gender: Gender;
  given: GivenNameEntry;
  middle: string | null;
  family: string;
  /** The surname before marriage, for a spouse who took the household's name. */
  previousFamily: string | null;
  marriedOn: number;
  /** JR for a junior, SR for the father of one (systems show it only sometimes). */
  suffix: 'JR' | 'SR' | null;
  birthDay: number;
  email: string | null;
  mobile: string | null;
  homePhone: string | null;
  address: Address;
  /** Where the household lived before its last move, if it moved in the last few years. */
  previousAddress: Address | null;
  movedOn: number;
}

export type HouseholdKind = 'single' | 'couple' | 'family' | 'single_parent' | 'junior' | 'housemates' | 'three_generations';
const householdKinds = new WeightedTable<HouseholdKind>(
  ['single', 'couple', 'family', 'single_parent', 'junior', 'housemates', 'three_generations'],
  [30, 30, 20, 6, 3, 6, 5],
);

/** Grown children living at home mostly ride on their parents' plans. */
const childHoldsOwnAccount = 0.35;
const namesakeChance = 0.012;
const cityIndexes = new Map(cities.map((city, i) => [city, i]));
const yearDays = 365.25;

interface Sketch {
  role: Role;
  gender: Gender;
  age: number;
  family: string;
  given?: GivenNameEntry;
  middle?: string | null;
  previousFamily?: string | null;
  suffix?: 'JR' | 'SR' | null;
}

export class Population {
  private readonly rng = new Random();
  private readonly maleNames: WeightedTable<GivenNameEntry>;
  private readonly femaleNames: WeightedTable<GivenNameEntry>;
  private readonly surnameTable = WeightedTable.zipf(surnames, 0.75, 3);
  private readonly cityTable = new WeightedTable(cities, cities.map((c) => c.weight));
  private readonly emails = new EmailRegistry();
  private readonly recentHeads = new Map<City, { given: GivenNameEntry; family: string }[]>();
  private readonly earliestBirth = dayOf(1930, 1, 1);
  private readonly latestBirth: number;
  private phoneSequence = 0;
  private personSequence = 0;

  constructor(private readonly seed: number, private readonly asOfDay: number, nicknameReference: Map<string, Set<string>>) {
    const withKnownNicknames = (entry: GivenNameEntry): GivenNameEntry => ({
      ...entry,
      nicknames: entry.nicknames.filter((n) => nicknameReference.get(entry.name.toLowerCase())?.has(n)),
    });
    this.maleNames = WeightedTable.zipf(maleGivenNames.map(withKnownNicknames), 0.9, 2);
    this.femaleNames = WeightedTable.zipf(femaleGivenNames.map(withKnownNicknames), 0.9, 2);
    this.latestBirth = asOfDay - Math.ceil(18 * yearDays);
  }

  /** The customers of household number `household` (in order; household numbers must come in sequence). */
  nextHousehold(household: number): Person[] {
    const rng = this.rng.reseed(this.seed, 11, household);
    const address = this.address(rng);
    const moved = rng.chance(0.12);
    const previousAddress = moved ? this.address(rng, rng.chance(0.6) ? address.city : undefined) : null;
    const movedOn = moved ? this.asOfDay - rng.between(60, 1800) : 0;
    const sketches = this.compose(rng, householdKinds.draw(rng), address.city).slice(0, 5);
    let oldest = 0;
    for (const sketch of sketches) oldest = Math.max(oldest, sketch.age);
    const homePhone = rng.chance(oldest > 55 ? 0.7 : 0.3) ? phoneNumber(this.phoneSequence++) : null;

    const people: Person[] = [];
    const usedGiven = new Set<string>();
    let head: Person | undefined;
    for (const sketch of sketches) {
      let given = sketch.given;
      for (let attempt = 0; !given || (usedGiven.has(given.name) && attempt < 6 && sketch.role !== 'junior'); attempt++) given = this.givenName(rng, sketch.gender);
      usedGiven.add(given.name);
      const birthDay = this.birthDay(rng, sketch, head);
      const person: Person = {
        index: this.personSequence++,
        household,
        role: sketch.role,
        gender: sketch.gender,
        given,
        middle: sketch.middle !== undefined ? sketch.middle : rng.chance(0.7) ? this.middleName(rng, sketch.gender, given) : null,
        family: sketch.family,
        previousFamily: sketch.previousFamily ?? null,
        marriedOn: sketch.previousFamily ? Math.max(this.asOfDay - rng.between(200, 6000), birthDay + Math.ceil(18 * yearDays)) : 0,
        suffix: sketch.suffix ?? null,
        birthDay,
        email: null,
        mobile: rng.chance(sketch.age < 75 ? 0.97 : 0.75) ? phoneNumber(this.phoneSequence++) : null,
        homePhone,
        address,
        previousAddress,
        movedOn,
      };
      if (rng.chance(sketch.age < 30 ? 0.95 : sketch.age < 60 ? 0.9 : sketch.age < 75 ? 0.7 : 0.45)) {
        const shownGiven = person.given.nicknames.length > 0 && rng.chance(0.25) ? rng.pick(person.given.nicknames) : person.given.name;
        person.email = this.emails.address(shownGiven, person.family, civilOf(birthDay).year, rng.int(8), rng.int(6));
      }
      head ??= person;
      people.push(person);
    }
    this.remember(address.city, people[0]!);
    return people;
  }

  private compose(rng: Random, kind: HouseholdKind, city: City): Sketch[] {
    const family = this.surnameTable.draw(rng);
    switch (kind) {
      case 'single':
        return [this.maybeNamesake(rng, someone(rng, 'head', adultAge(rng), family), city)];
      case 'couple':
        return this.couple(rng, family, adultAge(rng, 22), city);
      case 'family': {
        const age = rng.between(38, 62);
        return [...this.couple(rng, family, age, city), ...grownChildren(rng, family, age, 3)];
      }
      case 'single_parent': {
        const age = rng.between(38, 60);
        return [{ ...someone(rng, 'head', age, family), gender: rng.chance(0.75) ? 'F' : 'M' }, ...grownChildren(rng, family, age, 2)];
      }
      case 'junior': {
        const age = rng.between(45, 78);
        const given = this.givenName(rng, 'M');
        const middle = rng.chance(0.85) ? this.middleName(rng, 'M', given) : null;
        const father: Sketch = { role: 'head', gender: 'M', age, family, given, middle, suffix: 'SR' };
        const junior: Sketch = { role: 'junior', gender: 'M', age: Math.max(18, age - rng.between(20, 35)), family, given, middle, suffix: 'JR' };
        const mother = rng.chance(0.6) ? [this.spouse(rng, family, age, 'M')] : [];
        return [father, ...mother, junior];
      }
      case 'housemates': {
        // two mostly; a shared house now and then
        let count = 2;
        while (count < 5 && rng.chance(0.35)) count++;
        const people: Sketch[] = [];
        for (let i = 0; i < count; i++) people.push(someone(rng, i === 0 ? 'head' : 'housemate', rng.between(21, 40), this.surnameTable.draw(rng)));
        return people;
      }
      case 'three_generations': {
        const age = rng.between(32, 58);
        return [...this.couple(rng, family, age, city), someone(rng, 'parent', Math.min(96, age + rng.between(22, 38)), family), ...grownChildren(rng, family, age, 2)];
      }
    }
  }

  private couple(rng: Random, family: string, age: number, city: City): Sketch[] {
    const sameSex = rng.chance(0.06);
    const headGender: Gender = rng.chance(0.7) ? 'M' : 'F';
    const head = this.maybeNamesake(rng, { role: 'head', gender: headGender, age, family }, city);
    if (sameSex) {
      const partner: Sketch = { role: 'spouse', gender: headGender, age: clampAge(age + rng.between(-6, 6)), family: rng.chance(0.3) ? head.family : this.surnameTable.draw(rng) };
      return [head, partner];
    }
    return [head, this.spouse(rng, head.family, age, headGender)];
  }

  /** A spouse of the other sex; a wife usually took the household's surname and kept her maiden name in old records. */
  private spouse(rng: Random, family: string, partnerAge: number, partnerGender: Gender): Sketch {
    const gender: Gender = partnerGender === 'M' ? 'F' : 'M';
    const age = clampAge(partnerAge + rng.between(-6, 6));
    if (gender === 'M') return { role: 'spouse', gender, age, family };
    const maiden = this.surnameTable.draw(rng);
    if (maiden !== family && rng.chance(0.75)) return { role: 'spouse', gender, age, family, previousFamily: maiden };
    return { role: 'spouse', gender, age, family: maiden };
  }

  /** Now and then a head shares the name of someone recently seen in the same city: the common-name trap. */
  private maybeNamesake(rng: Random, sketch: Sketch, city: City): Sketch {
    const recent = this.recentHeads.get(city);
    if (!recent || recent.length === 0 || !rng.chance(namesakeChance)) return sketch;
    const other = rng.pick(recent);
    return { ...sketch, gender: other.given.gender, given: other.given, family: other.family };
  }

  private remember(city: City, head: Person): void {
    const recent = this.recentHeads.get(city) ?? [];
    recent.push({ given: head.given, family: head.family });
    if (recent.length > 16) recent.shift();
    this.recentHeads.set(city, recent);
  }

  private givenName(rng: Random, gender: Gender): GivenNameEntry {
    return (gender === 'M' ? this.maleNames : this.femaleNames).draw(rng);
  }

  private middleName(rng: Random, gender: Gender, given: GivenNameEntry): string {
    let middle = this.givenName(rng, gender);
    if (middle.name === given.name) middle = this.givenName(rng, gender);
    return middle.name;
  }

  /** A birth date for the sketch's age; a junior's falls 20 to 35 years after his father's. */
  private birthDay(rng: Random, sketch: Sketch, head: Person | undefined): number {
    let day = this.asOfDay - Math.round(sketch.age * yearDays) - rng.int(365);
    if (sketch.role === 'junior' && head) day = Math.min(Math.max(day, head.birthDay + Math.ceil(20 * yearDays)), head.birthDay + Math.floor(35 * yearDays));
    return Math.min(this.latestBirth, Math.max(this.earliestBirth, day));
  }

  private address(rng: Random, city: City = this.cityTable.draw(rng)): Address {
    const cityIndex = cityIndexes.get(city)!;
    const streetIndex = rng.int(streetNames.length);
    // a street keeps its suffix and direction within a city, as real streets do
    const streetTrait = (cityIndex * 7919 + streetIndex * 104729) >>> 0;
    return {
      houseNumber: Math.max(1, Math.floor(Math.pow(10, 0.3 + rng.next() * 3.7))),
      direction: streetTrait % 9 < 4 ? directions[streetTrait % 9]! : null,
      street: streetNames[streetIndex]!,
      suffix: streetSuffixes[(streetTrait >>> 4) % streetSuffixes.length]!,
      unit: rng.chance(0.25) ? (rng.chance(0.8) ? String(rng.between(1, 40)) : `${rng.between(1, 9)}${'ABCD'[rng.int(4)]}`) : null,
      city,
      zip: `${city.zipPrefix}${String(rng.between(1, 60)).padStart(2, '0')}`,
    };
  }
}

function someone(rng: Random, role: Role, age: number, family: string): Sketch {
  return { role, gender: rng.chance(0.5) ? 'F' : 'M', age, family };
}

/** Grown children (18–30) still at home; only some hold an account of their own. */
function grownChildren(rng: Random, family: string, parentAge: number, most: number): Sketch[] {
  const children: Sketch[] = [];
  const count = rng.between(1, most);
  for (let i = 0; i < count; i++) {
    const age = parentAge - rng.between(20, 40);
    if (age >= 18 && age <= 30 && rng.chance(childHoldsOwnAccount)) children.push(someone(rng, 'child', age, family));
  }
  return children;
}

function adultAge(rng: Random, youngest = 20): number {
  return rng.chance(0.85) ? rng.between(youngest, 75) : rng.between(75, 92);
}

function clampAge(age: number): number {
  return Math.min(96, Math.max(19, age));
}
