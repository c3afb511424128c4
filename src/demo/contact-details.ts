// How a person can be reached: unique fictional phone numbers and e-mail addresses.
// Phones use the 555 area code and e-mail the example.* domains reserved for documentation,
// so no generated value can belong to a real person.

const phoneSpace = 8_000_000; // exchanges 200–999 × 10,000 lines
const phoneStride = 2_654_443; // coprime to phoneSpace, so the sequence visits every number once

/** The n-th phone number as ten digits ('555' + exchange + line); unique for the first eight million. */
export function phoneNumber(sequence: number): string {
  const value = (((sequence % phoneSpace) * phoneStride) + 1_234_567) % phoneSpace;
  const exchange = 200 + Math.floor(value / 10_000);
  return `555${exchange}${String(value % 10_000).padStart(4, '0')}`;
}

const domains = ['example.com', 'example.com', 'example.com', 'example.net', 'example.net', 'example.org'];

/**
 * Hands out e-mail addresses, as a mail provider would: the natural one to whoever asks first, then
 * numbered ones (bob.smith_2). No natural address ends in _digits, so numbered ones never collide.
 */
export class EmailRegistry {
  private readonly taken = new Map<string, number>();

  /** shape picks the local part's form; given may be a nickname (bob.smith@…). */
  address(given: string, family: string, birthYear: number, shape: number, domainPick: number): string {
    const local = localPart(shape % 8, asciiLower(given), asciiLower(family), birthYear);
    const natural = `${local}@${domains[domainPick % domains.length]!}`;
    const holders = (this.taken.get(natural) ?? 0) + 1;
    this.taken.set(natural, holders);
    return holders === 1 ? natural : `${local}_${holders}@${domains[domainPick % domains.length]!}`;
  }
}

/** The shapes people choose: bob.smith, bobsmith, bsmith, bob_smith, smith.bob, bob.smith71, bob71, b.smith. */
function localPart(shape: number, g: string, f: string, birthYear: number): string {
  const yy = String(birthYear % 100).padStart(2, '0');
  switch (shape) {
    case 0: return `${g}.${f}`;
    case 1: return `${g}${f}`;
    case 2: return `${g[0]}${f}`;
    case 3: return `${g}_${f}`;
    case 4: return `${f}.${g}`;
    case 5: return `${g}.${f}${yy}`;
    case 6: return `${g}${yy}`;
    default: return `${g[0]}.${f}`;
  }
}

const lowered = new Map<string, string>();

/** A name as it goes into an address: lower case letters only (names come from short lists, so cache them). */
function asciiLower(name: string): string {
  let plain = lowered.get(name);
  if (plain === undefined) {
    plain = name.toLowerCase().replace(/[^a-z]/g, '');
    lowered.set(name, plain);
  }
  return plain;
}
