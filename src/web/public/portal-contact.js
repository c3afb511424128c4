// "How we may contact you": consent to offers by channel, do-not-contact, the best way to reach them and their
// language, changed through PATCH /api/me/preferences.
import { clearRefusals, showRefusal } from './portal-refusal.js';
import { channelLabels, offerChannels } from './portal-words.js';
import { $, api, esc, toast } from './util.js';

const languages = ['English', 'Spanish', 'French', 'German', 'Portuguese', 'Chinese', 'Vietnamese', 'Korean', 'Arabic', 'Tagalog'];

const checked = (on) => (on ? ' checked' : '');

function formHtml(p) {
  const offers = Object.entries(offerChannels).map(([channel, label]) => `
    <label class="check"><input type="checkbox" name="marketing.${channel}"${checked(p.marketing[channel] === true)}> ${esc(label)}</label>`).join('');
  const channels = Object.entries(channelLabels).map(([channel, label]) =>
    `<option value="${channel}"${p.preferred_channel === channel ? ' selected' : ''}>${esc(label)}</option>`).join('');
  return `
    <div class="card-head"><h2>How we may contact you</h2></div>
    <form id="contact-form" class="form" novalidate>
      <fieldset class="offers">
        <legend>You may send me offers and news by</legend>
        <div class="checks">${offers}</div>
      </fieldset>
      <label class="check no-offers"><input type="checkbox" name="do_not_contact"${checked(p.do_not_contact)}>
        <span><strong>Send me no offers at all</strong><br><span class="muted">We will still contact you about your products and your account.</span></span></label>
      <div class="form-grid">
        <label class="field">Best way to reach you
          <select name="preferred_channel"><option value="">No preference</option>${channels}</select>
          <span class="field-error" data-error-for="preferred_channel" role="alert"></span>
        </label>
        <label class="field">Language you prefer
          <input name="language" list="languages" value="${esc(p.language ?? '')}" autocomplete="language">
          <datalist id="languages">${languages.map((l) => `<option value="${l}">`).join('')}</datalist>
          <span class="field-error" data-error-for="language" role="alert"></span>
        </label>
      </div>
      <p class="form-error" role="alert"></p>
      <div class="buttons"><button class="btn primary" type="submit">Save my choices</button></div>
    </form>`;
}

/** What differs from the preferences as read: the server refuses a change of nothing, and records each change. */
function changedPreferences(form, p) {
  const change = {};
  const marketing = {};
  for (const channel of Object.keys(offerChannels)) {
    const on = form.elements[`marketing.${channel}`].checked;
    if (on !== (p.marketing[channel] === true)) marketing[channel] = on;
  }
  if (Object.keys(marketing).length) change.marketing = marketing;
  if (form.elements.do_not_contact.checked !== p.do_not_contact) change.do_not_contact = form.elements.do_not_contact.checked;
  const channel = form.elements.preferred_channel.value || null;
  if (channel !== p.preferred_channel) change.preferred_channel = channel;
  const language = form.elements.language.value.trim() || null;
  if (language !== (p.language ?? null)) change.language = language;
  return change;
}

/** Shows the customer's choices in `el` as a form that saves what they change. */
export function showContact(el, me, reload) {
  el.innerHTML = formHtml(me.preferences);
  const form = $('#contact-form', el);
  // "No offers at all" outranks consent by channel: the channels are shown as off while it is on.
  const offers = $('.offers', form);
  const shade = () => offers.classList.toggle('overruled', form.elements.do_not_contact.checked);
  form.elements.do_not_contact.addEventListener('change', shade);
  shade();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearRefusals(form);
    const change = changedPreferences(form, me.preferences);
    if (Object.keys(change).length === 0) return toast('Nothing has changed.');
    const button = $('button[type=submit]', form);
    button.disabled = true;
    try {
      await api('/api/me/preferences', change, 'PATCH');
      toast('Your choices are saved.');
      await reload();
    } catch (error) {
      button.disabled = false;
      showRefusal(form, error);
    }
  });
}
