import type { ProtocolItem, ProtocolSection } from './protocol';

/**
 * The browser-wide keyboard commands, in the order the panel's help lists them. Chrome gives at most
 * four commands a suggested key: the two talk buttons and the opening timer (pressed at a precise
 * moment, without looking away) and listening (the capture the browser allows only after the
 * therapist invoked Rapport on the tab). Showing the panel and ticking the next item start unbound:
 * the therapist picks their keys on the browser's shortcuts page. Descriptions are catalogue ids
 * (locales/en.yml, `command:`), which the browser reads in the user's language.
 */
export const extensionCommands = {
  'patient-talking': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_command_patientTalking__' },
  'therapist-talking': { suggested_key: { default: 'Alt+Shift+T' }, description: '__MSG_command_therapistTalking__' },
  'opening-timer': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_command_openingTimer__' },
  listen: { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_command_listen__' },
  'tick-next-item': { description: '__MSG_command_tickNextItem__' },
  'toggle-panel': { description: '__MSG_command_togglePanel__' },
} satisfies Record<string, { suggested_key?: { default: string }; description: string }>;

export type CommandName = keyof typeof extensionCommands;
export const commandNames = Object.keys(extensionCommands) as CommandName[];

/** The first practice not ticked yet, in the protocol's order; undefined once every one is ticked. */
export function nextUntickedItem(protocol: readonly ProtocolSection[], checked: Readonly<Record<string, number>>): ProtocolItem | undefined {
  for (const section of protocol) for (const item of section.items) if (!(item.id in checked)) return item;
  return undefined;
}
