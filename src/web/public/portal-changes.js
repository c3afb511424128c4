// "Changes to your record": the audit trail (GET /api/me/audit) told in the customer's words.
import { byWhom, channelLabels, detailLabels, momentWords, offerChannels } from './portal-words.js';
import { esc, fmtPhone } from './util.js';

const none = '<span class="muted">none</span>';

function value(field, v) {
  if (v === null || v === undefined || v === '') return none;
  return esc(field === 'phone' ? fmtPhone(v) : field === 'preferred_channel' ? channelLabels[v] ?? v : v);
}

const fromTo = (label, field, before, after) => `${esc(label)}: ${value(field, before)} → <strong>${value(field, after)}</strong>`;

function preferenceLines(before, after) {
  const lines = [];
  if ('marketing' in after) {
    for (const [channel, label] of Object.entries(offerChannels)) {
      const was = before.marketing?.[channel] === true;
      const is = after.marketing?.[channel] === true;
      if (was !== is) lines.push(`Offers by ${esc(label.toLowerCase())}: <strong>${is ? 'allowed' : 'not allowed'}</strong>`);
    }
  }
  if ('do_not_contact' in after) lines.push(`No offers at all: <strong>${after.do_not_contact ? 'on' : 'off'}</strong>`);
  if ('preferred_channel' in after) lines.push(fromTo('Best way to reach you', 'preferred_channel', before.preferred_channel, after.preferred_channel));
  if ('language' in after) lines.push(fromTo('Language', 'language', before.language, after.language));
  return lines;
}

/** What one change did, a line per field. Contacts show what they were about, not staff's notes. */
function whatChanged(change) {
  const { kind, before, after } = change;
  if (kind === 'details') {
    return Object.entries(detailLabels).filter(([field]) => field in after).map(([field, label]) => fromTo(label, field, before[field], after[field]));
  }
  if (kind === 'preferences') return preferenceLines(before, after);
  const channel = esc((channelLabels[after.channel] ?? after.channel ?? '').toLowerCase());
  if (kind === 'response') return [`Your answer to one of our offers (${channel}): <strong>${esc(after.outcome ?? '')}</strong>`];
  return [`We noted a contact with you (${channel}): ${esc(after.reason ?? '')}`];
}

export function changesHtml(items) {
  const list = items.map((change) => `
    <li class="change" data-kind="${esc(change.kind)}">
      <div class="change-when">${esc(momentWords(change.changed_at))} · <span class="change-who">${esc(byWhom(change))}</span></div>
      <ul class="change-what">${whatChanged(change).map((line) => `<li>${line}</li>`).join('')}</ul>
    </li>`).join('');
  return `
    <div class="card-head"><h2>Changes to your record</h2></div>
    <p class="hint">Every change to your details and your choices, whoever made it, newest first.</p>
    ${items.length ? `<ol class="changes" id="changes-list">${list}</ol>` : '<p class="muted" id="no-changes">No changes yet. When you or we change your record, you will see it here.</p>'}`;
}
