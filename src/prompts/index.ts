// Prompts on the front-line screen: declarative rules (cif.yaml's `prompts:`, or the defaults) over the facts the
// ODS computes for one customer, each prompt with a tone and a reason.
export { conditionSchema, type Condition, productLinesNamed, promptRuleSchema, promptRulesSchema, type PromptRule, tones, type Tone } from './prompt-rule.ts';
export { defaultPromptRules } from './default-rules.ts';
export { offersHeldRule, type Prompt, promptsFor } from './prompts-for.ts';
