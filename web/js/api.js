// Reads features from the OGC API - Features endpoint of the same server.
// The server pages by keyset and may cap `limit`, so we follow rel="next" links until
// there are none: the map then works for any number of features.

const ITEMS_LIMIT = 10000;
const MAX_PAGES = 1000; // guard against a server that keeps returning a "next" link

/**
 * Fetch every feature of one collection as a single GeoJSON FeatureCollection.
 * Coordinates stay as the server sends them: CRS84, i.e. [lon, lat].
 */
export async function fetchCollection(id, { signal } = {}) {
  let url = new URL(`/ogc/collections/${encodeURIComponent(id)}/items?limit=${ITEMS_LIMIT}`,
    window.location.href);
  const features = [];
  const seen = new Set();

  for (let page = 0; url && page < MAX_PAGES; page++) {
    if (seen.has(url.href)) break; // a next link pointing back: stop, do not loop forever
    seen.add(url.href);

    const response = await fetch(url, {
      headers: { Accept: 'application/geo+json, application/json' },
      signal,
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status} ${response.statusText} (${url.pathname})`);
    }
    const body = await response.json();
    if (!body || !Array.isArray(body.features)) {
      throw new Error(`不是 GeoJSON FeatureCollection (${url.pathname})`);
    }
    features.push(...body.features);
    url = nextLink(body, url);
  }
  return { type: 'FeatureCollection', features };
}

// The next link may be absolute or relative; resolve it against the page it came from.
function nextLink(body, base) {
  const next = (body.links || []).find((link) => link && link.rel === 'next' && link.href);
  return next ? new URL(next.href, base) : null;
}
