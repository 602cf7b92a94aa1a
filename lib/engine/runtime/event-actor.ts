/**
 * The `actor` column of the events an API call appends: `person:<userId>`, `token:<tokenId>`, or
 * `system` when nobody is named.
 */
export function eventActorOf(subject: { type: 'user' | 'token'; id: string } | null): string {
  if (subject === null) return 'system';
  return subject.type === 'user' ? `person:${subject.id}` : `token:${subject.id}`;
}
