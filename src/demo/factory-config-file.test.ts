// The demo's cif.yaml is the worked example people copy: it must be valid, and its prompts start with the defaults it says it shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { factoryConfigSchema } from '../config/index.ts';
import { defaultPromptRules } from '../prompts/index.ts';
import { factoryConfigText } from './factory-config-file.ts';

test("the demo's prompts are the default rules and one more", () => {
  const config = factoryConfigSchema.parse(parseYaml(factoryConfigText));
  assert.deepEqual(config.prompts!.slice(0, defaultPromptRules.length), defaultPromptRules);
  assert.deepEqual(config.prompts!.slice(defaultPromptRules.length).map((r) => r.id), ['long-distance-for-loyal']);
});
