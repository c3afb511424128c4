// Records joined by matches form one person, strongest links first. A link that would put two records known to be
// different people (a steward said so, or they were born on different dates) into one cluster is refused, so a
// chain A~B~C cannot join A and C when A and C cannot be one person.

export interface Link {
  a: number;
  b: number;
  probability: number;
}

export interface Clustering {
  /** rid → the smallest rid of its cluster, for records in a cluster of two or more. */
  cluster: Map<number, number>;
  /** rid → the strongest accepted link of the record within its cluster. */
  strength: Map<number, number>;
  refused: number;
}

/** links must come strongest first; cannotLink pairs never end up in one cluster. */
export function constrainedClusters(links: Iterable<Link>, cannotLink: Iterable<[number, number]>): Clustering {
  const parent = new Map<number, number>();
  const members = new Map<number, number[]>();
  const cannot = new Map<number, number[]>();
  for (const [a, b] of cannotLink) {
    (cannot.get(a) ?? cannot.set(a, []).get(a)!).push(b);
    (cannot.get(b) ?? cannot.set(b, []).get(b)!).push(a);
  }
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    for (let y = x; y !== root;) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const group = (root: number) => members.get(root) ?? [root];
  const conflict = (ra: number, rb: number): boolean => {
    const [small, other] = group(ra).length <= group(rb).length ? [ra, rb] : [rb, ra];
    for (const x of group(small)) for (const y of cannot.get(x) ?? []) if (find(y) === other) return true;
    return false;
  };
  const strength = new Map<number, number>();
  const accepted: Link[] = [];
  let refused = 0;
  for (const link of links) {
    const ra = find(link.a);
    const rb = find(link.b);
    if (ra !== rb) {
      if (conflict(ra, rb)) {
        refused++;
        continue;
      }
      const [big, small] = group(ra).length >= group(rb).length ? [ra, rb] : [rb, ra];
      parent.set(small, big);
      parent.set(big, big);
      const list = members.get(big) ?? [big];
      for (const rid of group(small)) list.push(rid);
      members.set(big, list);
      members.delete(small);
    }
    accepted.push(link);
  }
  const cluster = new Map<number, number>();
  for (const list of members.values()) {
    const label = list.reduce((a, b) => Math.min(a, b));
    for (const rid of list) cluster.set(rid, label);
  }
  for (const link of accepted) {
    for (const rid of [link.a, link.b]) strength.set(rid, Math.max(strength.get(rid) ?? 0, link.probability));
  }
  return { cluster, strength, refused };
}
