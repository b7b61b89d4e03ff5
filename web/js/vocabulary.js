// The zone's vocabulary as the server keeps it (GET /api/vocabulary, read once at start): parcel
// states, event kinds, project stages, road states and grades, river states, reservoir kinds and
// stages, park kinds, supply methods with their zh/en names and colours, and the land-use codes. The page restates none of it; styles.js adds
// only how things are drawn (dash patterns, widths).

/**
 * @typedef {{ code: string, nameZh: string, nameEn: string, color?: string | null, order?: number, parent?: string | null, edition?: string,
 *   nonIndustrialNameZh?: string | null, nonIndustrialNameEn?: string | null, industrial?: boolean, stepFields?: string[] | null }} Term
 * @typedef {{ zh: string, en: string, color?: string, parent?: string | null, edition?: string, dashArray?: string | null, lineStyle?: string,
 *   industrial?: boolean, stepFields?: string[], byKind?: { industrial: { zh: string, en: string }, other: { zh: string, en: string } } }} Entry
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
/** The causes an idle-land determination records (Article 8 and the land user's), code -> { zh, en }. */
export const IDLE_CAUSE = /** @type {Table} */ ({});
/** Kinds of control line (道路红线, 河道蓝线, 绿线, 黄线), code -> { zh, en, color }. */
export const CONTROL_LINE_KIND = /** @type {Table} */ ({});
/** Kinds of protected area (永久基本农田, 生态保护红线, 禁止开发海域), code -> { zh, en, color }. */
export const PROTECTED_AREA_KIND = /** @type {Table} */ ({});
/** The planning compliance rules (use_mismatch, plot_ratio_over, red_line ...), code -> { zh, en, color }. */
export const COMPLIANCE_RULE = /** @type {Table} */ ({});
/**
 * Land-use codes by code -> { zh, en, parent, edition }: the classes, the current edition's codes, and
 * the codes of other editions that no earlier edition has. A code is unique only with its edition
 * (1001 is 铁路用地 in GB/T 21010-2017, 工业用地 in the 2023 guide): name a parcel's with landUseName().
 */
export const LAND_USE = /** @type {Table} */ ({});
/** Every land-use code of every edition: edition -> code -> entry. */
export const LAND_USE_BY_EDITION = /** @type {Record<string, Table>} */ ({});
/** The current edition of the land-use codes (the one the filters offer), e.g. '2017'. */
export const landUseEdition = { current: '' };
/**
 * The editions, in order: name (the stored land_use_edition), alias, names, and whether its codes'
 * leading digits are the GB/T 21010 first-level class (gbtClasses).
 * @type {{ edition: string, alias: string, nameZh: string, nameEn: string, gbtClasses: boolean }[]}
 */
export const LAND_USE_EDITIONS = [];

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
    if (term.stepFields) entry.stepFields = term.stepFields;
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
 *   startEvidence?: Term[], idleCauses?: Term[], controlLineKinds?: Term[], protectedAreaKinds?: Term[], complianceRules?: Term[], landUse?: { edition?: string, codes?: Term[],
 *   editions?: { edition: string, alias: string, nameZh: string, nameEn: string, gbtClasses: boolean }[] } }} document
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
  fill(IDLE_CAUSE, document.idleCauses);
  fill(CONTROL_LINE_KIND, document.controlLineKinds);
  fill(PROTECTED_AREA_KIND, document.protectedAreaKinds);
  fill(COMPLIANCE_RULE, document.complianceRules);
  fillLandUse(document.landUse?.codes);
  landUseEdition.current = document.landUse?.edition ?? '';
  LAND_USE_EDITIONS.splice(0, LAND_USE_EDITIONS.length, ...(document.landUse?.editions ?? []));
}

/**
 * The land-use tables: by edition, and by code where the first edition (the server lists the current
 * one first) keeps a code two editions share.
 * @param {Term[]} terms
 */
function fillLandUse(terms = []) {
  for (const key of Object.keys(LAND_USE)) delete LAND_USE[key];
  for (const key of Object.keys(LAND_USE_BY_EDITION)) delete LAND_USE_BY_EDITION[key];
  for (const term of terms) {
    /** @type {Entry} */
    const entry = { zh: term.nameZh, en: term.nameEn, parent: term.parent ?? null, edition: term.edition ?? undefined };
    if (term.color) entry.color = term.color;
    if (term.edition) (LAND_USE_BY_EDITION[term.edition] ??= {})[term.code] = entry;
    if (!(term.code in LAND_USE)) LAND_USE[term.code] = entry;
  }
}

/**
 * The entry of a land-use code in its edition (a code without an edition: the by-code table).
 * @param {string} code
 * @param {string | null | undefined} edition
 * @returns {Entry | undefined}
 */
export function landUseEntry(code, edition) {
  return edition ? LAND_USE_BY_EDITION[edition]?.[code] : LAND_USE[code];
}

/** The editions whose codes start with the GB/T 21010 first-level class (the class filter's editions). */
export function gbtClassEditions() {
  return LAND_USE_EDITIONS.filter((e) => e.gbtClasses).map((e) => e.edition);
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
  // A class filters by code prefix: SEA (the 2023 guide's sea use) has no codes that start with it.
  return {
    classes: current.filter((c) => !c.parent && /^\d{2}$/.test(c.code)).map((c) => c.code),
    codes: current.filter((c) => c.parent).map((c) => c.code),
  };
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
