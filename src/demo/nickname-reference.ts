// The shipped nickname reference (reference/nicknames.csv: a name, then its nicknames, lower case).
// The demo only plants nicknames this file knows, so the identity step can recognise them.
import { readFileSync } from 'node:fs';

const referenceFile = new URL('../../reference/nicknames.csv', import.meta.url);

/** name → the nicknames the reference lists for it (all lower case). */
export function loadNicknameReference(file: URL | string = referenceFile): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  for (const line of lines) {
    const [name, ...nicknames] = line.split(',').map((cell) => cell.trim().toLowerCase());
    if (!name) continue;
    const known = byName.get(name) ?? new Set<string>();
    for (const nickname of nicknames) if (nickname) known.add(nickname);
    byName.set(name, known);
  }
  return byName;
}
