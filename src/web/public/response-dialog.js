// Recording how the customer answered a campaign's offer (from a prompt, or one the customer brings up).
import { optionalText } from './contact-dialog.js';
import { choiceGroup, notesField, openFormDialog, textField } from './form-dialog.js';
import { channelName, channels, responses } from './front-line-choices.js';
import { api, esc, fullName, toast } from './util.js';

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** `offer` prefills the campaign and offer, as a prompt does. */
export function openResponseDialog(profile, { onLogged, offer = {} }) {
  const id = profile.customer.customer_id;
  const fields = `<div class="row cols-2">
      ${textField('campaign', 'Campaign', offer.campaign ?? '', `required autocomplete="off" ${offer.campaign ? '' : 'autofocus'}`)}
      ${textField('offer', 'Offer', offer.offer ?? '', 'autocomplete="off"')}
    </div>
    ${choiceGroup('response', 'Response', responses.map((r) => [r, capital(r)]), null)}
    <label class="field" data-field="channel"><span>Channel</span><select name="channel">${channels.map((c) =>
      `<option value="${c}" ${c === 'phone' ? 'selected' : ''}>${esc(channelName(c))}</option>`).join('')}</select></label>
    ${notesField()}`;

  openFormDialog({
    id: 'response-dialog',
    title: 'Record a campaign response',
    subtitle: `${esc(fullName(profile.customer))} · #${esc(id)}`,
    fields,
    submit: 'Record response',
    onReady: (form) => { if (offer.campaign) form.querySelector('input[name=response]').setAttribute('autofocus', ''); },
    onSubmit: async (form) => {
      const body = {
        campaign: form.elements.campaign.value, offer: optionalText(form, 'offer'), response: form.elements.response.value || undefined,
        channel: form.elements.channel.value, notes: optionalText(form, 'notes'),
      };
      const logged = await api(`/api/customers/${id}/responses`, body);
      toast('Response recorded.');
      await onLogged(logged.contactKey);
      return true;
    },
  });
}
