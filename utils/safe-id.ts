import * as v from 'valibot';

/** Ids become object keys in storage, so names every object inherits are refused. */
const inheritedNames = new Set(Object.getOwnPropertyNames(Object.prototype));
export const SafeIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(200),
  v.regex(/^[\w:.-]+$/),
  v.check((value) => !inheritedNames.has(value)),
);
