// Classic-script libraries loaded on first use, so the first map does not wait for them:
// Chart.js (window.Chart) and GeographicLib (window.geodesic).
const SCRIPTS = {
  Chart: '/vendor/chart.js/chart.umd.min.js',
  geodesic: '/vendor/geodesic/geographiclib-geodesic.min.js',
};
const pending = {};

/** Resolves to the library's global once its script has run. */
export function vendor(name) {
  if (window[name]) return Promise.resolve(window[name]);
  pending[name] ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SCRIPTS[name];
    script.onload = () => resolve(window[name]);
    script.onerror = () => reject(new Error(`could not load ${SCRIPTS[name]}`));
    document.head.append(script);
  });
  return pending[name];
}
