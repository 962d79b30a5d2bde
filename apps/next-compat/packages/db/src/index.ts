import 'server-only';

// An in-memory stand-in for the database client a monorepo's `packages/db` exports. The data
// is fixed so that every probe knows the answers; what matters here is how the package is
// shipped: TypeScript sources, `server-only` first, and its own `next/headers` import.

import { currentTenant } from './tenant';

export { currentTenant };

/** A user of the test app. */
export interface User {
  id: string;
  name: string;
  email: string;
  /** sha-256 of the password, hex. */
  passwordHash: string;
}

/** A note written through the tRPC mutation. */
export interface Note {
  id: number;
  tenant: string;
  author: string;
  text: string;
}

/** A webhook event recorded after the response went out. */
export interface WebhookEvent {
  id: string;
  type: string;
  respondedAt: number;
  recordedAt: number;
}

const users: readonly User[] = [
  {
    id: 'u1',
    name: 'Ada Lovelace',
    email: 'ada@example.test',
    // sha-256("correct horse")
    passwordHash: '4104d36f8da2c254349f85836793ebe029e0c957063a34c91c2e9203187b5631',
  },
  {
    id: 'u2',
    name: 'Grace Hopper',
    email: 'grace@example.test',
    // sha-256("cobol")
    passwordHash: '61cccb16382476fd1535ab6ca205a0f378e4d70588362458d8d0ec24e2c5d8ce',
  },
];

const notes: Note[] = [];
const events: WebhookEvent[] = [];

/** The user with this id, or `undefined`. */
export function findUser(id: string): User | undefined {
  return users.find((user) => user.id === id);
}

/** The user with this e-mail address, or `undefined`. */
export function findUserByEmail(email: string): User | undefined {
  return users.find((user) => user.email === email);
}

/** Adds a note for the current tenant and returns it. */
export async function addNote(author: string, text: string): Promise<Note> {
  const note = { id: notes.length + 1, tenant: await currentTenantName(), author, text };
  notes.push(note);
  return note;
}

/** The notes of the current tenant. */
export async function listNotes(): Promise<Note[]> {
  const tenant = await currentTenantName();
  return notes.filter((note) => note.tenant === tenant);
}

/** Records a webhook event. */
export function recordEvent(event: WebhookEvent): void {
  events.push(event);
}

/** The webhook events recorded so far. */
export function listEvents(): readonly WebhookEvent[] {
  return events;
}

function currentTenantName(): Promise<string> {
  return currentTenant();
}
