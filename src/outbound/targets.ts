// The systems that take deliveries, as cif.yaml declares them (sources[].outbound).
import type { FactoryConfig } from '../config/index.ts';
import type { OutboundTarget } from './delivery-request.ts';

export function outboundTargets(config: Pick<FactoryConfig, 'sources'>): Record<string, OutboundTarget> {
  const targets: Record<string, OutboundTarget> = {};
  for (const source of config.sources) if (source.outbound) targets[source.name] = { ...source.outbound };
  return targets;
}
