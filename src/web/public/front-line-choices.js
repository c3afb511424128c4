// The choices the transactional interface accepts, as the forms offer them. They mirror the server's lists
// (src/server/front-line-validation.ts); a test holds the two together.
export const channels = ['phone', 'branch', 'chat', 'email', 'web', 'post', 'sms', 'visit'];
export const responses = ['accepted', 'interested', 'declined', 'not interested'];
export const marketingChannels = ['email', 'phone', 'sms', 'post'];

const channelNames = { phone: 'Phone', branch: 'Branch', chat: 'Chat', email: 'E-mail', web: 'Web', post: 'Post', sms: 'SMS', visit: 'Visit' };
/** How a channel reads on the screen ("sms" → "SMS"); an unknown one as it is. */
export const channelName = (c) => channelNames[c] ?? (c ? String(c) : '');

/** Reasons a call is about, offered as the agent types; the customer's own past reasons come first. */
export const commonReasons = ['billing question', 'billing dispute', 'change of address', 'technical problem', 'new service', 'upgrade',
  'cancel request', 'general enquiry', 'payment arrangement'];
export const commonOutcomes = ['resolved', 'information given', 'escalated', 'callback promised', 'retained', 'order placed', 'no action'];
