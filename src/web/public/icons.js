// Line icons for the workspace, drawn on a 24-unit grid with the current text colour.
const icon = (d, size = 16) => `<svg viewBox="0 0 24 24" width="${size}" height="${size}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="${d}"/></svg>`;

const paths = {
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  chat: 'M21 15a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  email: 'M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z M3 6l9 7 9-7',
  post: 'M3 8l9 6 9-6 M3 8v11h18V8 M3 8l3-4h12l3 4',
  sms: 'M4 4h16v12H9l-5 4z M8 9h8 M8 12h5',
  branch: 'M3 21h18 M5 21V8l7-5 7 5v13 M9 21v-6h6v6',
  visit: 'M3 11l9-8 9 8 M5 10v11h14V10',
  web: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M3 12h18 M12 3a14 14 0 0 1 0 18 M12 3a14 14 0 0 0 0 18',
  edit: 'M16 3l5 5L8 21H3v-5z M13 6l5 5',
  merge: 'M6 3v5a6 6 0 0 0 6 6 M18 3v5a6 6 0 0 1-6 6v7 M9 18l3 3 3-3',
  split: 'M12 21v-7 M12 14L5 5 M12 14l7-9 M5 9V5h4 M19 9V5h-4',
  response: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z',
  warning: 'M12 3l10 18H2z M12 10v5 M12 18v.5',
  offer: 'M20 12v9H4v-9 M2 7h20v5H2z M12 21V7 M12 7C10 3 6 3 6 5.5S10 7 12 7 M12 7c2-4 6-4 6-1.5S14 7 12 7',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M12 11v6 M12 7.5v.5',
  prefs: 'M4 6h10 M18 6h2 M4 12h4 M12 12h8 M4 18h12 M20 18h0 M14 4v4 M8 10v4 M16 16v4',
};

/** The icon by name (a channel, a kind of event, a prompt's tone); a dot for a name it does not know. */
export const iconFor = (name, size) => icon(paths[name] ?? 'M12 11a1 1 0 1 0 0 2a1 1 0 1 0 0-2', size);
