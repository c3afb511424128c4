// What the factory suggests the agent say or watch for with this customer (the analytics' lessons, fed back), each
// with why. A profile without prompts shows no panel; one with none says so, so the agent knows it was checked.
import { iconFor } from './icons.js';
import { esc } from './util.js';

const tones = { warning: 'Watch', offer: 'Offer', info: 'Note' };

export function promptsPanel(p, { canRecord = false } = {}) {
  if (!Array.isArray(p.prompts)) return '<div data-part="prompts" hidden></div>';
  if (p.prompts.length === 0) return '<section class="prompts none" id="prompts" data-part="prompts"><span class="muted">Nothing to prompt</span></section>';
  return `<section class="prompts" id="prompts" data-part="prompts" aria-label="Prompts">${p.prompts.map((prompt, i) => {
    const tone = Object.hasOwn(tones, prompt.tone) ? prompt.tone : 'info';
    return `<article class="prompt ${tone}" data-rule="${esc(prompt.rule)}">
      <span class="prompt-icon">${iconFor(tone, 18)}</span>
      <div class="prompt-body"><span class="prompt-tone">${tones[tone]}</span> <strong class="prompt-text">${esc(prompt.text)}</strong>
        <div class="prompt-reason">${esc(prompt.reason)}</div></div>
      ${tone === 'offer' && canRecord ? `<button class="btn small" data-act="respond" data-prompt="${i}" title="Record how the customer answered this offer">Record response</button>` : ''}
    </article>`;
  }).join('')}</section>`;
}
