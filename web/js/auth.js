// The bearer token the page signs in with (upload panel): kept for the tab's session only, and
// sent with every request, so the map also works where the server has anonymous read off.
export const TOKEN_KEY = 'landmap.token';

export const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';

/** Headers to add to a request: Authorization when signed in, nothing otherwise. */
export const authHeaders = () => (token() ? { Authorization: `Bearer ${token()}` } : {});

// Parts of the page drawn for a role (the procedure's step form) draw again when the token changes:
// signing in waits for /api/me, so a panel opened meanwhile was drawn for no one.
const tokenEvents = new EventTarget();

/** Call `listener` after every sign-in or sign-out; returns a function that stops it. */
export function onTokenChange(listener) {
  tokenEvents.addEventListener('change', listener);
  return () => tokenEvents.removeEventListener('change', listener);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
  tokenEvents.dispatchEvent(new CustomEvent('change'));
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  tokenEvents.dispatchEvent(new CustomEvent('change'));
}
