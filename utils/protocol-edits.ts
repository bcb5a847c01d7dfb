import { i18n } from '#i18n';
import { evidenceProtocol, protocolLimits, type Protocol } from './protocols';
import type { ProtocolItem, ProtocolSection } from './protocol';

/**
 * Changes to a protocol, for the editor on the options page (loaded only there): each returns a
 * new protocol and leaves the one given as it was. Item ids never change here.
 */

/** A name not yet taken: "Follow-up", then "Follow-up (2)"... */
export function freeName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  const base = name.slice(0, protocolLimits.name - 5);
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} (${n})`)) n++;
  return `${base} (${n})`;
}

/** A copy to edit (of the default, or a clinic's protocol), with a new id; item ids stay, so the copy's answers mean the same. */
export function copyProtocol(protocol: Protocol, id: string, name: string, now: number): Protocol {
  return { ...structuredClone(protocol), id, name, updatedAt: now };
}

function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  const [entry] = copy.splice(index, 1);
  copy.splice(target, 0, entry!);
  return copy;
}

function withSection(protocol: Protocol, sectionId: string, change: (section: ProtocolSection) => ProtocolSection): Protocol {
  return { ...protocol, sections: protocol.sections.map((section) => (section.id === sectionId ? change(section) : section)) };
}

function withItem(protocol: Protocol, itemId: string, change: (item: ProtocolItem) => ProtocolItem): Protocol {
  return { ...protocol, sections: protocol.sections.map((section) => ({ ...section, items: section.items.map((item) => (item.id === itemId ? change(item) : item)) })) };
}

export const editProtocol = {
  rename: (protocol: Protocol, name: string): Protocol => ({ ...protocol, name }),
  addSection: (protocol: Protocol, sectionId: string, itemId: string): Protocol => ({
    ...protocol,
    sections: [...protocol.sections, { id: sectionId, title: i18n.t('protocols.newSection'), source: '', items: [{ id: itemId, text: i18n.t('protocols.newPractice') }] }],
  }),
  removeSection: (protocol: Protocol, sectionId: string): Protocol => ({ ...protocol, sections: protocol.sections.filter((section) => section.id !== sectionId) }),
  moveSection: (protocol: Protocol, sectionId: string, delta: number): Protocol => ({
    ...protocol,
    sections: moved(protocol.sections, protocol.sections.findIndex((section) => section.id === sectionId), delta),
  }),
  renameSection: (protocol: Protocol, sectionId: string, title: string): Protocol => withSection(protocol, sectionId, (section) => ({ ...section, title })),
  addItem: (protocol: Protocol, sectionId: string, itemId: string): Protocol =>
    withSection(protocol, sectionId, (section) => ({ ...section, items: [...section.items, { id: itemId, text: i18n.t('protocols.newPractice') }] })),
  removeItem: (protocol: Protocol, itemId: string): Protocol => ({
    ...protocol,
    sections: protocol.sections.map((section) => ({ ...section, items: section.items.filter((item) => item.id !== itemId) })),
  }),
  /** Up or down within its section, or across into the next section at either end. */
  moveItem: (protocol: Protocol, itemId: string, delta: -1 | 1): Protocol => {
    const from = protocol.sections.findIndex((section) => section.items.some((item) => item.id === itemId));
    if (from < 0) return protocol;
    const section = protocol.sections[from]!;
    const index = section.items.findIndex((item) => item.id === itemId);
    const target = index + delta;
    if (target >= 0 && target < section.items.length) return withSection(protocol, section.id, () => ({ ...section, items: moved(section.items, index, delta) }));
    const next = protocol.sections[from + delta];
    if (!next || section.items.length === 1) return protocol;
    const item = section.items[index]!;
    return {
      ...protocol,
      sections: protocol.sections.map((candidate) =>
        candidate === section
          ? { ...candidate, items: candidate.items.filter((entry) => entry !== item) }
          : candidate === next
            ? { ...candidate, items: delta < 0 ? [...candidate.items, item] : [item, ...candidate.items] }
            : candidate,
      ),
    };
  },
  renameItem: (protocol: Protocol, itemId: string, text: string): Protocol => withItem(protocol, itemId, (item) => ({ ...item, text })),
  /** One practice per note field: giving it to this practice takes it from any other. */
  setCaptures: (protocol: Protocol, itemId: string, field: ProtocolItem['captures']): Protocol => {
    const cleared = field ? withAllItems(protocol, (item) => (item.captures === field && item.id !== itemId ? withoutCaptures(item) : item)) : protocol;
    return withItem(cleared, itemId, (item) => (field ? { ...item, captures: field } : withoutCaptures(item)));
  },
  addPhraseGroup: (protocol: Protocol, groupId: string): Protocol => ({ ...protocol, phrases: [...protocol.phrases, { id: groupId, title: i18n.t('protocols.newPhrases'), phrases: [] }] }),
  removePhraseGroup: (protocol: Protocol, groupId: string): Protocol => ({ ...protocol, phrases: protocol.phrases.filter((group) => group.id !== groupId) }),
  renamePhraseGroup: (protocol: Protocol, groupId: string, title: string): Protocol => ({
    ...protocol,
    phrases: protocol.phrases.map((group) => (group.id === groupId ? { ...group, title } : group)),
  }),
  /** The phrases of a group, one a line as typed; empty lines dropped. */
  setPhrases: (protocol: Protocol, groupId: string, lines: string): Protocol => ({
    ...protocol,
    phrases: protocol.phrases.map((group) => (group.id === groupId ? { ...group, phrases: lines.split('\n').map((line) => line.trim()).filter(Boolean) } : group)),
  }),
  /** The evidence-based checklist and phrases again (with their sources), keeping this protocol's id and name. */
  reset: (protocol: Protocol): Protocol => ({ ...protocol, sections: structuredClone(evidenceProtocol.sections), phrases: structuredClone(evidenceProtocol.phrases) }),
};

function withAllItems(protocol: Protocol, change: (item: ProtocolItem) => ProtocolItem): Protocol {
  return { ...protocol, sections: protocol.sections.map((section) => ({ ...section, items: section.items.map(change) })) };
}

function withoutCaptures({ captures: _dropped, ...item }: ProtocolItem): ProtocolItem {
  return item;
}
