// The signed-in person, shared by the shell and the screens. The console never sees the session token (an
// HttpOnly cookie): it only knows who is signed in, from GET /v1/me or the sign-in answer.
import { api } from './api.js';

const listeners = new Set();
let current = { person: undefined, error: null }; // undefined: not asked yet; null: nobody signed in

export function session() {
  return current;
}

export function onSession(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next) {
  current = next;
  listeners.forEach((l) => l(current));
}

/** Asks the API who is signed in (401: nobody). */
export async function refresh() {
  try {
    const answer = await api('GET', '/v1/me');
    set({ person: answer.person || answer, error: null });
  } catch (error) {
    set({ person: null, error: error.status === 401 ? null : error });
  }
  return current;
}

/** After a successful sign-in: the answer's person is the session. */
export function signedIn(person) {
  set({ person, error: null });
}

export async function signOut(everywhere) {
  try {
    await api('POST', everywhere ? '/v1/sign-out/everywhere' : '/v1/sign-out');
  } finally {
    set({ person: null, error: null });
  }
}

export function can(person, permission) {
  return !!person && Array.isArray(person.permissions) && person.permissions.includes(permission);
}
