/** Who is acting: a signed-in user (web session or API token), or the system (CLI, jobs, seeding). */
export type Actor =
  | { kind: 'user'; userId: string; via: 'session' | 'token'; tokenId?: string; requestId?: string }
  | { kind: 'system'; name: string; requestId?: string };

export function systemActor(name: string): Actor {
  return { kind: 'system', name };
}
