// The zone's vocabulary as the server keeps it (GET /api/vocabulary, read once at start): parcel
// states, event kinds, project stages, road states and grades, river states, reservoir kinds and
// stages, park kinds, supply methods with their zh/en names and colours, and the land-use codes. The page restates none of it; styles.js adds
// only how things are drawn (dash patterns, widths).

/**
 * @typedef {{ code: string, nameZh: string, nameEn: string, color?: string | null, order?: number, parent?: string | null, edition?: string,
 *   nonIndustrialNameZh?: string | null, nonIndustrialNameEn?: string | null, industrial?: boolean }} Term
 * @typedef {{ zh: string, en: string, color?: string, parent?: string | null, edition?: string, dashArray?: string | null, lineStyle?: string,
 *   industrial?: boolean, byKind?: { industrial: { zh: string, en: string }, other: { zh: string, en: string } } }} Entry
 * @typedef {Record<string, Entry>} Table
 */

/** code -> { zh, en, color }, in the server's order; filled by fillVocabulary(). */
export const PARCEL_STATUS = /** @type {Table} */ ({});
export const EVENT_KIND = /** @type {Table} */ ({});
export const PROJECT_STAGE = /** @type {Table} */ ({});
export const ROAD_STATE = /** @type {Table} */ ({});
export const RIVER_STATE = /** @type {Table} */ ({});
/** Whether a river's water meets the standard (达标): a fact apart from its rectification works. */
export const WATER_QUALITY = /** @type {Table} */ ({});
/** What a project is, code -> { zh, en, industrial }: a non-industrial one reads its stages' other names. */
export const PROJECT_KIND = /** @type {Table} */ ({});
export const ROAD_GRADE = /** @type {Table} */ ({});
export const RESERVOIR_KIND = /** @type {Table} */ ({});
export const RESERVOIR_STAGE = /** @type {Table} */ ({});
export const PARK_KIND = /** @type {Table} */ ({});
export const SUPPLY_METHOD = /** @type {Table} */ ({});
/** What counted as the start of development (Article 30), code -> { zh, en }. */
export const START_EVIDENCE = /** @type {Table} */ ({});
/** Every land-use code the server knows (all editions), code -> { zh, en, parent, edition }. */
export const LAND_USE = /** @type {Table} */ ({});
/** The current edition of the land-use codes (the one the filters offer), e.g. '2017'. */
export const landUseEdition = { current: '' };

/**
 * Fill a table in place (the modules hold references to it), ordered by `order` when given.
 * @param {Table} table
 * @param {Term[]} terms
 */
function fill(table, terms = []) {
  for (const key of Object.keys(table)) delete table[key];
  const sorted = [...terms].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const term of sorted) {
    /** @type {Entry} */
    const entry = { zh: term.nameZh, en: term.nameEn };
    if (term.color) entry.color = term.color;
    if (term.parent !== undefined) entry.parent = term.parent;
    if (term.edition !== undefined) entry.edition = term.edition;
    if (term.industrial !== undefined) entry.industrial = term.industrial;
    // A stage named otherwise for a non-industrial project (投产 / 投用): the legend, which covers
    // every project, shows both; projectStageName() picks the one a project reads.
    if (term.nonIndustrialNameZh) {
      const other = { zh: term.nonIndustrialNameZh, en: term.nonIndustrialNameEn ?? term.nameEn };
      entry.byKind = { industrial: { zh: term.nameZh, en: term.nameEn }, other };
      entry.zh = `${term.nameZh}／${other.zh}`;
      entry.en = `${term.nameEn} / ${other.en}`;
    }
    table[term.code] = entry;
  }
}

/**
 * Take the server's vocabulary document into the tables.
 * @param {{ parcelStates?: Term[], eventKinds?: Term[], projectStages?: Term[], projectKinds?: Term[], roadStates?: Term[],
 *   riverStates?: Term[], waterQuality?: Term[],
 *   roadGrades?: Term[], reservoirKinds?: Term[], reservoirStages?: Term[], parkKinds?: Term[], supplyMethods?: Term[],
 *   startEvidence?: Term[], landUse?: { edition?: string, codes?: Term[] } }} document
 */
export function fillVocabulary(document) {
  fill(PARCEL_STATUS, document.parcelStates);
  fill(EVENT_KIND, document.eventKinds);
  fill(PROJECT_STAGE, document.projectStages);
  fill(ROAD_STATE, document.roadStates);
  fill(RIVER_STATE, document.riverStates);
  fill(WATER_QUALITY, document.waterQuality);
  fill(PROJECT_KIND, document.projectKinds);
  fill(ROAD_GRADE, document.roadGrades);
  fill(RESERVOIR_KIND, document.reservoirKinds);
  fill(RESERVOIR_STAGE, document.reservoirStages);
  fill(PARK_KIND, document.parkKinds);
  fill(SUPPLY_METHOD, document.supplyMethods);
  fill(START_EVIDENCE, document.startEvidence);
  fill(LAND_USE, document.landUse?.codes);
  landUseEdition.current = document.landUse?.edition ?? '';
}

/**
 * The land-use classes and codes the filters offer: those of the current edition, classes
 * (no parent) and their codes, by code.
 * @returns {{ classes: string[], codes: string[] }}
 */
export function landUseChoices() {
  const current = Object.entries(LAND_USE)
    .filter(([, e]) => !landUseEdition.current || e.edition == null || e.edition === landUseEdition.current)
    .map(([code, e]) => ({ code, parent: e.parent }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { classes: current.filter((c) => !c.parent).map((c) => c.code), codes: current.filter((c) => c.parent).map((c) => c.code) };
}

/**
 * A project's stage as that project reads it: 投产 for an industrial project (or one of no known
 * kind), 投用 for a park, hospital or kindergarten (project_kinds.industrial false).
 * @param {string | null | undefined} stage
 * @param {string | null | undefined} kind
 * @returns {{ zh: string, en: string } | null} null for an unknown stage
 */
export function projectStageName(stage, kind) {
  if (stage == null || !Object.hasOwn(PROJECT_STAGE, stage)) return null;
  const entry = PROJECT_STAGE[stage];
  if (!entry.byKind) return entry;
  const industrial = kind == null || !Object.hasOwn(PROJECT_KIND, kind) || PROJECT_KIND[kind].industrial !== false;
  return industrial ? entry.byKind.industrial : entry.byKind.other;
}
