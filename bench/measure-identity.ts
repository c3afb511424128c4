// One identity benchmark phase in its own process; prints one JSON line with its time and peak memory.
import { incremental, personFile, resolve } from './identity-phases.ts';

const [phase, dir, arg] = process.argv.slice(2);
const started = performance.now();
const detail = phase === 'person-file' ? await personFile(dir, Number(arg))
  : phase === 'resolve' ? await resolve(dir)
    : phase === 'incremental' ? await incremental(dir, Number(arg))
      : (() => { throw new Error(`unknown phase ${phase}`); })();
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ phase, ...detail, detailSeconds: detail.seconds, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
