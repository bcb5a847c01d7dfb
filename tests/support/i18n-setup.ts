// Unit tests run against WXT's fake browser, whose i18n.getMessage is not implemented: this gives
// it the English catalogue, read the way the build reads it, with Chrome's substitution rules.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessages } from './catalogue';

const messages = await englishMessages();

/** Chrome's getMessage: named placeholders ($name$) become their content, then $1…$9 the values; $$ is a dollar. */
fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | (string | number)[]) => {
  const message = messages[name];
  if (!message) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  const named = message.message.replace(/\$(\w+)\$/g, (whole, placeholder: string) => message.placeholders?.[placeholder.toLowerCase()]?.content ?? whole);
  return named.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : String(values[Number(which) - 1] ?? '')));
};
