// Logging a contact with the customer: the channel (a phone call unless the agent says otherwise), why they were in
// touch, what came of it, notes, and whether it was a complaint. It is in the timeline the moment it is saved.
import { choiceGroup, notesField, openFormDialog, suggestField } from './form-dialog.js';
import { channelName, channels, commonOutcomes, commonReasons } from './front-line-choices.js';
import { api, esc, fullName, toast } from './util.js';

/** The text of a field, or nothing when it is empty: the API takes absent optional fields, not empty ones. */
export const optionalText = (form, name) => form.elements[name].value.trim() || undefined;

export function openContactDialog(profile, { onLogged }) {
  const id = profile.customer.customer_id;
  const seen = (key) => profile.contacts.map((k) => k[key]).filter(Boolean);
  const fields = `${choiceGroup('channel', 'Channel', channels.map((c) => [c, channelName(c)]), 'phone')}
    ${suggestField('reason', 'Reason', [...seen('reason'), ...commonReasons], 'required autofocus placeholder="What the customer got in touch about"')}
    ${suggestField('outcome', 'Outcome', [...seen('outcome'), ...commonOutcomes], 'placeholder="What came of it"')}
    ${notesField()}
    <label class="check complaint"><input type="checkbox" name="complaint"> This was a complaint</label>`;

  openFormDialog({
    id: 'contact-dialog',
    title: 'Log a contact',
    subtitle: `${esc(fullName(profile.customer))} · #${esc(id)}`,
    fields,
    submit: 'Log contact',
    wide: true,
    onSubmit: async (form) => {
      const body = {
        channel: form.elements.channel.value, reason: form.elements.reason.value,
        outcome: optionalText(form, 'outcome'), notes: optionalText(form, 'notes'), complaint: form.elements.complaint.checked,
      };
      const logged = await api(`/api/customers/${id}/contacts`, body);
      toast('Contact logged.');
      await onLogged(logged.contactKey);
      return true;
    },
  });
}
