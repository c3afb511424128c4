// Preferences and consent: do not contact, marketing consent by channel, the channel and language the customer
// prefers. Only what the agent changed is sent; the operational systems holding the customer are told.
import { openFormDialog, textField } from './form-dialog.js';
import { channelName, channels, marketingChannels } from './front-line-choices.js';
import { api, esc, fullName, toast } from './util.js';

const languages = ['English', 'Spanish', 'French', 'Chinese', 'Vietnamese', 'Korean', 'Portuguese', 'German'];

/** What the form says that differs from `current`, in the shape PATCH …/preferences takes. */
export function changedPreferences(form, current) {
  const change = {};
  const dnc = form.elements.do_not_contact.checked;
  if (dnc !== current.do_not_contact) change.do_not_contact = dnc;
  for (const channel of marketingChannels) {
    const given = form.elements[`marketing.${channel}`].checked;
    if (given !== (current.marketing[channel] === true)) (change.marketing ??= {})[channel] = given;
  }
  const preferred = form.elements.preferred_channel.value || null;
  if (preferred !== current.preferred_channel) change.preferred_channel = preferred;
  const language = form.elements.language.value.trim() || null;
  if (language !== current.language) change.language = language;
  return change;
}

export function openPreferencesDialog(profile, { onSaved }) {
  const id = profile.customer.customer_id;
  const current = profile.preferences;
  const check = (name, label, on, attrs = '') =>
    `<label class="check" data-field="${esc(name)}"><input type="checkbox" name="${esc(name)}" ${on ? 'checked' : ''} ${attrs}> ${label}</label>`;
  const fields = `
    <div class="dnc-choice">${check('do_not_contact', '<strong>Do not contact</strong> <span class="muted">for marketing, through any channel</span>', current.do_not_contact, 'autofocus')}</div>
    <fieldset class="consent"><legend>Marketing consent</legend>
      ${marketingChannels.map((c) => check(`marketing.${c}`, esc(channelName(c)), current.marketing[c] === true)).join('')}</fieldset>
    <div class="row cols-2">
      <label class="field" data-field="preferred_channel"><span>Preferred channel</span><select name="preferred_channel">
        <option value="">No preference</option>${channels.map((c) => `<option value="${c}" ${c === current.preferred_channel ? 'selected' : ''}>${esc(channelName(c))}</option>`).join('')}
      </select></label>
      ${textField('language', 'Language', current.language ?? '', 'list="language-list" autocomplete="off"')}
    </div>
    <datalist id="language-list">${languages.map((l) => `<option value="${l}">`).join('')}</datalist>`;

  openFormDialog({
    id: 'preferences-dialog',
    title: 'Preferences and consent',
    subtitle: `${esc(fullName(profile.customer))} · #${esc(id)}`,
    fields,
    submit: 'Save preferences',
    onSubmit: async (form) => {
      const change = changedPreferences(form, current);
      if (Object.keys(change).length === 0) {
        toast('Nothing changed.');
        return true;
      }
      const saved = await api(`/api/customers/${id}/preferences`, change, 'PATCH');
      await onSaved(saved.preferences);
      toast('Preferences saved.');
      return true;
    },
  });
}
