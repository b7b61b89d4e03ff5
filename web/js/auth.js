// The bearer token the page signs in with (upload panel): kept for the tab's session only, and
// sent with every request, so the map also works where the server has anonymous read off.
export const TOKEN_KEY = 'landmap.token';

export const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';

/** Headers to add to a request: Authorization when signed in, nothing otherwise. */
export const authHeaders = () => (token() ? { Authorization: `Bearer ${token()}` } : {});

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}
