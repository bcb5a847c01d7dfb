import { computed, signal, type ReadonlySignal } from '@preact/signals';
import * as v from 'valibot';
import { browser } from '#imports';
import { noPolicy, readManagedPolicy, type PolicyRead } from './managed-policy';
import type { PanelToBackground, Reply } from './messages';
import type { Visit } from './model';
import type { ProtocolFile } from './protocol-file';
import { DEFAULT_PROTOCOL_ID, endedVisitSections, findProtocol, listProtocols, protocolChoiceId, ProtocolChoiceSchema, type Protocol } from './protocols';
import type { CollectionRead } from './storage';

/** The clinic's policy as every page sees it, read again whenever the administrator changes it. */
export function watchManagedPolicy(): { read: ReadonlySignal<PolicyRead>; load(): Promise<void> } {
  const read = signal<PolicyRead>({ policy: noPolicy, problem: null });
  const load = async () => void (read.value = await readManagedPolicy());
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void load();
  });
  return { read, load };
}

/**
 * Protocols for a page (utils/panel-store.ts): the list to pick from, the protocol of the visit
 * shown (following edits to it live, through the stored collection's change events), and the
 * messages that change them.
 */
export function createProtocolState(input: {
  protocols: ReadonlySignal<CollectionRead<Protocol>>;
  settings: ReadonlySignal<CollectionRead<unknown>>;
  policy: ReadonlySignal<PolicyRead>;
  visit: ReadonlySignal<Visit | undefined>;
  send<T>(message: PanelToBackground): Promise<Reply<T>>;
}) {
  const list = computed(() => listProtocols(input.protocols.value.entries, input.policy.value.policy.protocols));
  /** The protocol new visits start with: the therapist's choice, else the clinic's, else the evidence-based default. */
  const defaultId = computed(() => {
    const choice = input.settings.value.entries[protocolChoiceId];
    return findProtocol(list.value, v.is(ProtocolChoiceSchema, choice) ? choice.defaultProtocolId : (input.policy.value.policy.defaultProtocolId ?? DEFAULT_PROTOCOL_ID)).id;
  });
  const ofVisit = computed(() => findProtocol(list.value, input.visit.value?.protocolId));
  /** What the checklist and summary show: the checklist an ended visit kept, else its protocol as it is now. */
  const sections = computed(() => {
    const visit = input.visit.value;
    return visit && visit.endedAt !== null ? endedVisitSections(visit) : ofVisit.value.sections;
  });
  const { send } = input;
  return {
    list,
    defaultId,
    ofVisit,
    sections,
    actions: {
      save: (protocol: Protocol) => send({ type: 'protocol/save', protocol }),
      remove: (protocolId: string) => send({ type: 'protocol/delete', protocolId }),
      importFile: (file: ProtocolFile) => send<{ id: string; name: string }>({ type: 'protocol/import', file }),
      setDefault: (protocolId: string) => send({ type: 'settings/defaultProtocol', protocolId }),
      useForVisit: (protocolId: string) => {
        const visitId = input.visit.value?.id;
        return visitId ? send({ type: 'visit/setProtocol', visitId, protocolId }) : undefined;
      },
    },
  };
}
