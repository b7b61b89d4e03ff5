// Globals of the classic scripts the page loads (js/vendor.js, index.html), for tsc --checkJs.
// Leaflet has no types installed: L is loosely typed on purpose, the modules' own code is checked.
interface Window {
  /** Leaflet 1.9 (/vendor/leaflet/leaflet.js). */
  L: any;
  /** Chart.js, loaded on first use. */
  Chart?: any;
  /** GeographicLib's geodesic, loaded on first use. */
  geodesic?: any;
  /** The hooks main.js publishes for browser tests and the console. */
  landmap?: any;
}
