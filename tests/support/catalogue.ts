import { fileURLToPath } from 'node:url';
import { generateChromeMessages, parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';

/** The English catalogue, the one file every UI text comes from. */
export const cataloguePath = fileURLToPath(new URL('../../locales/en.yml', import.meta.url));

/** Rapport's own messages (the parser adds the browser's predefined @@ ones). */
export const parsedCatalogue = async (): Promise<ParsedMessage[]> =>
  (await parseMessagesFile(cataloguePath)).filter((message) => !message.key[0]!.startsWith('@@'));

/** The catalogue as the build writes it to _locales/en/messages.json. */
export const englishMessages = async () => generateChromeMessages(await parsedCatalogue());
