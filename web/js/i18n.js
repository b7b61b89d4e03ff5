// One dictionary, Chinese first (the default) and English. The choice is kept in
// localStorage. Static text in index.html carries data-i18n (textContent), data-i18n-aria
// (aria-label), data-i18n-title and data-i18n-placeholder; modules that build their own DOM
// call t() and re-render on onLangChange().

const STORE = 'landmap.lang';
const listeners = [];

const DICT = {
  title: ['温州经济技术开发区 土地与基础设施一张图', 'Wenzhou ETDZ land and infrastructure one map'],
  switchLang: ['English', '中文'],
  switchLangAria: ['Switch to English', '切换到中文'],
  mapAria: ['地图：园区、地块、重点项目、道路、河道、水库', 'Map: parks, parcels, key projects, roads, rivers, reservoirs'],
  loading: ['正在加载…', 'Loading…'],
  loadFailed: ['{layer}加载失败：{message}', '{layer} failed to load: {message}'],
  // layers and units
  parks: ['园区', 'Parks'], parcels: ['地块', 'Parcels'], projects: ['重点项目', 'Key projects'],
  roads: ['道路', 'Roads'], rivers: ['河道', 'Rivers'], reservoirs: ['水库', 'Reservoirs'],
  unit_parks: ['个', ''], unit_parcels: ['宗', ''], unit_projects: ['个', ''], unit_roads: ['条', ''],
  unit_rivers: ['条', ''], unit_reservoirs: ['座', ''],
  land: ['土地', 'Land'], infrastructure: ['基础设施', 'Infrastructure'],
  parcelStates: ['地块状态', 'Parcel states'], projectStages: ['项目阶段', 'Project stages'],
  roadStages: ['道路', 'Roads'], riverStates: ['河道整治', 'River rectification'], reservoir: ['水库水面', 'Reservoir'],
  mu: ['亩', 'mu'], legend: ['图例', 'Legend'], inView: ['视野内', 'in view'],
  legendCount: ['{n} 宗 · {mu} 亩', '{n} · {mu} mu'],
  // panel tabs
  tabLayers: ['图层', 'Layers'], tabFilters: ['筛选', 'Filters'], tabSearch: ['查询', 'Search'],
  tabStats: ['统计', 'Statistics'], tabTools: ['工具', 'Tools'], tabUpload: ['上传', 'Upload'],
  panelAria: ['功能面板', 'Tools panel'],
  basemap: ['底图', 'Basemap'], basemapNone: ['无底图', 'None'], basemapOsm: ['OpenStreetMap', 'OpenStreetMap'],
  basemapTdtVec: ['天地图 矢量', 'Tianditu vector'], basemapTdtImg: ['天地图 影像', 'Tianditu imagery'],
  basemapNote: ['数据不依赖底图；底图需联网。', 'Data never depends on a basemap; basemaps need the internet.'],
  // filters
  filterPark: ['园区', 'Park'], filterState: ['地块状态', 'Parcel state'], filterLandUse: ['用地类型', 'Land use'],
  filterStage: ['项目阶段', 'Project stage'], filterYear: ['年份（历年状况）', 'Year (the zone as it stood)'],
  all: ['全部', 'All'], now: ['现状', 'Now'], repainting: ['正在重绘地图…', 'Redrawing the map…'], resetFilters: ['清除筛选', 'Clear filters'],
  filterCount: ['符合条件：{n} 宗，{mu} 亩', 'Matching: {n} parcels, {mu} mu'],
  filterCountProjects: ['；重点项目 {p} 个', '; key projects: {p}'],
  stageNote: ['项目阶段只筛选重点项目（圆点），不筛选地块。', 'The stage filters key projects (the dots), not parcels.'],
  stageNoteOn: ['只显示该阶段的重点项目：{n} 个；地块不受此筛选影响。', 'Key projects at this stage: {n} shown; parcels are not filtered by stage.'],
  stageOnly: ['仅{stage}', '{stage} only'],
  yearNote: ['{year} 年底：当时已批准的地块，按当时的状态着色（由日期与事件推算）', 'End of {year}: the parcels approved by then, coloured by their state then (from dates and events)'],
  // search
  searchLabel: ['宗地编号、项目名称、道路或河道名称', 'Parcel code, project name, road or river name'],
  searchButton: ['查询', 'Search'], noResults: ['无结果', 'No results'],
  searchYearOnly: ['只查了 {year} 年底已批准的地块（年份筛选）。', 'Parcels searched: those approved by the end of {year} (the year filter).'],
  searchYearNone: ['{year} 年底已批准的地块中无结果（年份筛选）。', 'No parcel approved by the end of {year} matches (the year filter).'],
  searchAllYears: ['查询所有年份', 'Search all years'],
  searchAllYearsDone: ['已查询所有年份的地块，不受年份筛选限制。', 'Parcels of every year searched, whatever the year filter.'],
  skipToMap: ['跳到地图', 'Skip to the map'], layerTreeAria: ['图层（方向键切换，空格开关）', 'Layers (arrow keys move, Space switches)'],
  name: ['名称', 'Name'],
  // side panel
  close: ['关闭', 'Close'], zoomTo: ['缩放至', 'Zoom to'], history: ['历史版本', 'History'],
  historyNone: ['无历史记录', 'No history'], project: ['所属项目', 'Project'],
  version: ['版本', 'Version'], validFrom: ['起', 'From'], validTo: ['止', 'To'], operation: ['操作', 'Operation'],
  changedBy: ['修改人', 'Changed by'], source: ['来源', 'Source'],
  op_current: ['现行', 'current'], op_update: ['修改', 'update'], op_delete: ['删除', 'delete'],
  // statistics
  statsByPark: ['各园区地块面积（亩，按状态）', 'Parcel area by park (mu, by state)'],
  indicators: ['土地指标', 'Land indicators'], indicatorYear: ['年份', 'Year'],
  indicator: ['指标', 'Indicator'], parcelCount: ['宗数', 'Parcels'], areaMu: ['面积（亩）', 'Area (mu)'],
  areaM2: ['面积（m²）', 'Area (m²)'], reported: ['工作报告（亩）', 'Work report (mu)'], total: ['合计', 'Total'],
  park: ['园区', 'Park'], state: ['状态', 'State'],
  // park evaluation, in the terms and units of TD/T 1029 (开发区土地集约利用评价规程)
  evaluation: ['园区土地集约利用评价（年末）', 'Park land-use evaluation (year end)'],
  readyForSupply: ['已达到供地条件的土地（亩）', 'Land ready for supply (mu)'],
  developmentRate: ['土地开发率', 'Development rate'], supplyRate: ['土地供应率', 'Supply rate'],
  builtUpRate: ['土地建成率', 'Built-up rate'],
  investmentPerHa: ['工业用地固定资产投入强度（万元/公顷）', 'Industrial fixed-asset investment (10⁴ CNY/ha)'],
  investmentPerMu: ['工业用地固定资产投入强度（万元/亩）', 'Industrial fixed-asset investment (10⁴ CNY/mu)'],
  // tools
  measureDistance: ['测距离', 'Measure distance'], measureArea: ['测面积', 'Measure area'],
  drawPolygon: ['画多边形查地块', 'Draw a polygon: parcels inside'], pickPark: ['按园区查地块', 'Parcels of a park'],
  addCentre: ['在地图中心加点', 'Add point at map centre'], finish: ['完成', 'Finish'], cancel: ['取消', 'Cancel'],
  toolHint: ['在地图上单击加点，双击或按“完成”结束；键盘：方向键移动地图，按“加点”。', 'Click the map to add points, double-click or press Finish; by keyboard: arrows pan, then Add point.'],
  distance: ['距离', 'Distance'], area: ['面积', 'Area'],
  parcelsInside: ['范围内地块：{n} 宗，合计 {mu} 亩（{m2} m²）', 'Parcels inside: {n}, total {mu} mu ({m2} m²)'],
  queryLabel: ['{n} 宗 · {mu} 亩', '{n} parcels · {mu} mu'], clearResults: ['清除结果', 'Clear results'],
  // export
  exportTitle: ['导出', 'Export'], exportSelected: ['导出所选', 'Export selection'], exportFiltered: ['导出筛选结果', 'Export filtered'],
  // upload
  token: ['令牌', 'Token'], signIn: ['登录', 'Sign in'], signOut: ['退出', 'Sign out'], signedIn: ['已登录', 'Signed in'],
  dropHere: ['将 GeoJSON 文件拖放到此处，或点击选择', 'Drop a GeoJSON file here, or click to choose'],
  crs: ['坐标系', 'CRS'], crsDetect: ['自动识别', 'Detect'], mode: ['方式', 'Mode'],
  modeCreate: ['新增', 'Create'], modeUpsert: ['新增或更新', 'Create or update'],
  landUseEdition: ['用地分类', 'Land-use classification'], editionPerFeature: ['按要素属性 land_use_edition', 'Per feature (land_use_edition)'],
  dryRun: ['检查（不写入）', 'Check (dry run)'], commit: ['提交', 'Commit'],
  uploadProgress: ['上传', 'Upload'], processProgress: ['处理', 'Processing'],
  reportCounts: ['读取 {read}，有效 {valid}，无效 {invalid}，新增 {toCreate}，更新 {toUpdate}', 'Read {read}, valid {valid}, invalid {invalid}, to create {toCreate}, to update {toUpdate}'],
  detectedCrs: ['识别的坐标系：{crs}', 'Detected CRS: {crs}'],
  problemsNone: ['没有问题', 'No problems'], feature: ['要素', 'Feature'], field: ['字段', 'Field'],
  kind: ['类型', 'Kind'], message: ['说明', 'Message'], where: ['位置', 'Where'],
  committed: ['已提交：上传 {id}，新增 {toCreate}，更新 {toUpdate}', 'Committed: upload {id}, created {toCreate}, updated {toUpdate}'],
  uploadError: ['上传失败：{message}', 'Upload failed: {message}'], noFile: ['请先选择文件', 'Choose a file first'],
  noToken: ['请先登录', 'Sign in first'], refused: ['有错误，未写入任何数据', 'Errors found; nothing was written'],
  attrs: ['属性', 'Attributes'],
  // supervision (闲置土地处置 and supply-contract warnings)
  tabSupervision: ['监管', 'Supervision'],
  supCandidates: ['闲置土地处置', 'Idle-land procedure'], supWarnings: ['供地合同预警', 'Supply-contract warnings'],
  supDate: ['日期：{date}', 'Date: {date}'], supDateNote: ['（年份筛选的年底，无年份时为今天）', '(the year filter\'s year end, else today)'],
  supWithin: ['预警天数', 'Warn within (days)'], supShow: ['在地图上显示', 'Show on map'],
  supListCount: ['{n} 宗 · {mu} 亩', '{n} · {mu} mu'], supOn: ['日期', 'Date'], supDays: ['天数', 'Days'],
  supRows: ['地块清单（{n} 宗）', 'Parcels ({n})'], supCode: ['宗地编号', 'Parcel'], supEmpty: ['无', 'None'], supLoading: ['正在加载…', 'Loading…'],
  // the procedure in the parcel's panel
  events: ['处置记录', 'Procedure history'], eventsNone: ['无记录', 'No events'],
  evKind: ['事项', 'Step'], evOn: ['日期', 'Date'], evDoc: ['文号', 'Document no.'], evCause: ['闲置原因', 'Cause'],
  evNewStart: ['新约定开工', 'New agreed start'], evAmount: ['金额（万元）', 'Amount (10k CNY)'],
  recordStep: ['记录处置步骤', 'Record a step'], record: ['记录', 'Record'],
  recorded: ['已记录：{kind}，状态：{state}', 'Recorded: {kind}; state: {state}'],
  stepRefused: ['未记录（{status}）：{field} — {detail}', 'Not recorded ({status}): {field} — {detail}'],
  f_kind: ['事项', 'step'], f_occurredOn: ['日期', 'date'], f_documentNo: ['文号', 'document no.'], f_cause: ['闲置原因', 'cause'],
  f_newAgreedStartOn: ['新约定开工日期', 'new agreed start'], f_newAgreedCompletionOn: ['新约定竣工日期', 'new agreed completion'],
  f_amountWan: ['金额（万元）', 'amount (10k CNY)'], f_note: ['备注', 'note'],
};

/** Add entries to the dictionary (a module's own texts, e.g. planTexts.js): key -> [zh, en]. */
export function addTexts(entries) {
  Object.assign(DICT, entries);
}

let current = readStored();

function readStored() {
  try {
    return localStorage.getItem(STORE) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function lang() {
  return current;
}

/** The text of a key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const entry = DICT[key];
  const text = entry ? entry[current === 'en' ? 1 : 0] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** The label of a styles.js / landUse.js entry ({ zh, en }) in the current language. */
export function label(entry) {
  if (!entry) return '';
  return (current === 'en' ? entry.en : entry.zh) ?? entry.zh ?? '';
}

export function setLang(value) {
  current = value === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORE, current);
  } catch { /* private mode: the switch still works for this page */ }
  relabel();
}

/** Redraw every label (the language changed, or the vocabulary arrived). */
export function relabel() {
  applyStatic(document);
  for (const fn of listeners) fn(current);
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** Fill the static labels of a DOM subtree from the dictionary. */
export function applyStatic(root) {
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

const timeFormats = {};
/**
 * A moment (ISO 8601 from the API, any offset) as the zone's clock shows it: Asia/Shanghai (UTC+8),
 * to the minute, e.g. 2026-12-04 11:10 (UTC+8); '—' for none. The raw text
 * (2026-12-04T03:10:37.603656+00:00) is what a planner should never have to read.
 * @param {string | null | undefined} iso
 */
export function zoneTime(iso) {
  if (!iso || Number.isNaN(Date.parse(iso))) return '—';
  timeFormats[current] ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  // en-CA writes the date as YYYY-MM-DD, in either language; the comma it puts before the time goes.
  return `${timeFormats[current].format(new Date(iso)).replace(',', '')} (UTC+8)`;
}

const numberFormats = {};
/** A number formatted for the current language with the given decimals. */
export function fmt(value, decimals = 2) {
  const key = `${current}-${decimals}`;
  numberFormats[key] ??= new Intl.NumberFormat(current === 'en' ? 'en-US' : 'zh-CN',
    { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return Number.isFinite(Number(value)) ? numberFormats[key].format(Number(value)) : '—';
}

/**
 * Add a module's own words ({ key: [zh, en] }) to the dictionary, so a feature keeps its texts in
 * its own file (print, basemaps, upload refusals) instead of all in DICT above.
 * @param {Record<string, [string, string]>} words
 */
export function addWords(words) {
  Object.assign(DICT, words);
}
