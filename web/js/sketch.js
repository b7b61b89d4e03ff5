// Collects points clicked on the map (or added at the map's centre from the keyboard) into
// a line or polygon drawn as it grows; finish by double-click, Enter or a button, cancel by Esc
// or a button. While a sketch runs the data layers ignore the pointer, so clicks land on the map.
const L = window.L;

export class Sketch {
  constructor(map, kind, onChange) {
    this.map = map;
    this.kind = kind; // 'line' | 'polygon'
    this.points = []; // L.LatLng (lat, lon)
    this.onChange = onChange;
    // Above the data (the tools' pane, tools.js), so a kept result is not hidden under the parcels.
    const pane = map.getPane('lm-tools') ? { pane: 'lm-tools' } : {};
    this.shape = (kind === 'line' ? L.polyline([], { color: '#D00', ...pane }) : L.polygon([], { color: '#D00', fillOpacity: 0.15, ...pane }))
      .addTo(map);
    // Esc cancels the drawing, and only that (captured before the side panel's Esc, which closes it).
    this.onKey = (/** @type {KeyboardEvent} */ e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      this.cancel();
    };
    document.addEventListener('keydown', this.onKey, true);
    this.onClick = (e) => this.add(e.latlng);
    this.onDblClick = (e) => { L.DomEvent.stop(e); this.finish(); };
    map.on('click', this.onClick);
    map.on('dblclick', this.onDblClick);
    map.doubleClickZoom.disable();
    map.getContainer().classList.add('lm-sketching');
    this.done = new Promise((resolve) => { this.resolve = resolve; });
  }

  add(latlng) {
    const last = this.points[this.points.length - 1];
    if (last && last.equals(latlng)) return; // the second click of a double-click
    this.points.push(L.latLng(latlng));
    this.shape.setLatLngs(this.points);
    this.onChange?.(this);
  }

  addCentre() {
    this.add(this.map.getCenter());
  }

  /** GeoJSON geometry: Leaflet's (lat, lon) flipped to [lon, lat]; polygons closed. */
  geometry() {
    const coords = this.points.map((p) => [p.lng, p.lat]);
    if (this.kind === 'line') return { type: 'LineString', coordinates: coords };
    return { type: 'Polygon', coordinates: [[...coords, coords[0]]] };
  }

  stop() {
    this.map.off('click', this.onClick);
    this.map.off('dblclick', this.onDblClick);
    this.map.doubleClickZoom.enable();
    document.removeEventListener('keydown', this.onKey, true);
    this.map.getContainer().classList.remove('lm-sketching');
  }

  finish() {
    this.stop();
    this.resolve(this);
  }

  cancel() {
    this.stop();
    this.shape.remove();
    this.resolve(null);
  }

  remove() {
    this.shape.remove();
  }
}
