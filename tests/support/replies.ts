import type { Reply } from '@/utils/messages';

/** The background's reply value; fails the test with the reply's error otherwise. */
export function valueOf<T>(reply: Reply): T {
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

/** The background's refusal, in its plain words; fails the test if the message was taken. */
export function errorOf(reply: Reply): string {
  if (reply.ok) throw new Error('expected a refusal');
  if (reply.error.length === 0) throw new Error('a refusal without words');
  return reply.error;
}
