// The upload panel in the page's language: the server's refusals (RFC 9457 problem+json, whose
// title and detail are English) read by their stable parts - the status (its type URI), the
// parameter or field named, the report's counts - and the report's problem kinds
// (UploadProblemKind, Writes/UploadReport.cs) by name. The server's own detail is kept beside the
// translation, marked as the server's words, for the cases our sentence is less precise.
import { t, addWords, lang } from './i18n.js';

addWords({
  signedInAs: ['已登录：{label}（{role}）', 'Signed in: {label} ({role})'],
  signingIn: ['正在核对令牌…', 'Checking the token…'],
  role_viewer: ['查看者，只能浏览', 'viewer, read only'], role_surveyor: ['测绘员，可上传', 'surveyor, may upload'],
  role_admin: ['管理员', 'admin'],
  readOnlyRole: ['此令牌只能浏览，不能上传', 'This token may read but not upload'],
  tokenRefused: ['令牌未通过：{reason}', 'Token refused: {reason}'],
  serverSaid: ['服务器原文：', 'The server said: '],
  featureNo: ['第 {n} 个要素', 'Feature {n}'], wholeFile: ['整个文件', 'Whole file'],
  refusedCounts: ['有错误，未写入任何数据：{invalid} 个要素有问题（共 {read} 个）', 'Errors found; nothing was written: {invalid} of {read} features have problems'],
  previewShown: ['检查通过：{n} 个要素将写入的位置已画在地图上（绿色虚线）', 'Check passed: where the {n} features would go is drawn on the map (green dashes)'],
  previewPart: ['（只画前 {shown} 个）', ' (the first {shown} drawn)'],
});

/** Reasons by HTTP status: what the status means for an upload or a sign-in. */
const STATUS = {
  400: ['请求有误，未写入任何数据', 'The request cannot be used; nothing was written'],
  401: ['令牌无效（未知、已过期或已吊销），请向管理员索取新令牌', 'The token is not valid (unknown, expired or revoked); ask an admin for one'],
  403: ['此令牌无权执行此操作（需测绘员或管理员角色，或限于其他图层）', 'This token may not do this (it needs the surveyor or admin role, or is limited to other collections)'],
  404: ['找不到所请求的内容', 'Not found'],
  409: ['与已有数据冲突，未写入任何数据', 'Conflicts with stored data; nothing was written'],
  413: ['文件超过服务器允许的大小，未写入任何数据', 'The file is larger than the server accepts; nothing was written'],
  415: ['文件类型不受支持（请上传 GeoJSON、压缩的 Shapefile 或 GeoPackage）', 'Unsupported file type (upload GeoJSON, a zipped shapefile or a GeoPackage)'],
  422: ['有错误，未写入任何数据', 'Errors found; nothing was written'],
  429: ['尝试次数过多，请稍后再试', 'Too many attempts; try again later'],
  499: ['上传已取消，未写入任何数据', 'The upload was cancelled; nothing was written'],
  500: ['服务器出错，未写入任何数据', 'The server failed; nothing was written'],
  503: ['数据库暂不可用，未写入任何数据，请稍后再试', 'The database is unavailable; nothing was written; try again shortly'],
};

/** The request's parts a problem can name (its `parameter` or `field`). */
const PARAMETERS = {
  file: ['文件', 'the file'], body: ['文件内容', 'the file\'s content'], crs: ['坐标系', 'the CRS'],
  landUseEdition: ['用地分类', 'the land-use classification'], mode: ['方式', 'the mode'], collection: ['图层', 'the collection'],
  layer: ['GeoPackage 图层', 'the GeoPackage layer'], dryRun: ['检查方式', 'dry run'], 'Idempotency-Key': ['幂等键', 'the idempotency key'],
  'Content-Type': ['文件类型', 'the content type'],
};

/** Upload problem kinds (UploadProblemKind) by name. */
const KINDS = {
  SelfIntersection: ['自相交', 'Self-intersection'], RingNotClosed: ['环未闭合', 'Ring not closed'], TooFewPoints: ['点数过少', 'Too few points'],
  InvalidCoordinate: ['坐标无效', 'Invalid coordinate'], RingSelfIntersection: ['环自相交', 'Ring self-intersection'],
  NestedHoles: ['洞嵌套', 'Nested holes'], DisconnectedInteriors: ['内部不连通', 'Disconnected interior'],
  HoleOutsideShell: ['洞在外环之外', 'Hole outside shell'], NestedShells: ['外环嵌套', 'Nested shells'], DuplicateRings: ['重复的环', 'Duplicate rings'],
  RepeatedPoint: ['重复点', 'Repeated point'], InvalidGeometry: ['几何无效', 'Invalid geometry'], MissingGeometry: ['缺少几何', 'Missing geometry'],
  GeometryTypeMismatch: ['几何类型不符', 'Wrong geometry type'], TooManyVertices: ['顶点过多', 'Too many vertices'],
  TooLarge: ['面积过大', 'Too large'], TooSmall: ['面积过小', 'Too small'], RequiredProperty: ['缺少必填字段', 'Required field missing'],
  TooManyProperties: ['字段过多', 'Too many fields'], InvalidType: ['字段类型不符', 'Wrong field type'], InvalidEnum: ['取值不在代码表中', 'Value not in the code list'],
  InvalidLandUseCode: ['用地代码无效', 'Invalid land-use code'], AmbiguousLandUseCode: ['用地代码含义不明（需指定分类）', 'Ambiguous land-use code (name the classification)'],
  InvalidDate: ['日期无效', 'Invalid date'], OutOfRange: ['数值超出范围', 'Out of range'], DuplicateCode: ['文件内编号重复', 'Code repeated in the file'],
  DuplicateKey: ['键重复', 'Duplicate key'], TooLong: ['文字过长', 'Text too long'], InvalidCode: ['编号格式不符', 'Invalid code format'],
  CodeConflict: ['编号与已有地块冲突', 'Code conflicts with a stored one'], Overlap: ['与已有地块重叠', 'Overlaps a stored parcel'],
  UnknownPark: ['园区不存在', 'Unknown park'], UnknownProject: ['项目不存在', 'Unknown project'],
  MetresWithoutCrs: ['米制坐标未注明坐标系', 'Metres without a CRS'], DegreesWithProjectedCrs: ['经纬度却注明投影坐标系', 'Degrees with a projected CRS'],
  MetresWithGeographicCrs: ['米制坐标却注明经纬度坐标系', 'Metres with a geographic CRS'], LatLonSwapped: ['经纬度颠倒', 'Latitude and longitude swapped'],
  NorthingEastingSwapped: ['东北坐标颠倒', 'Northing and easting swapped'], WrongZonePrefix: ['带号前缀不符', 'Wrong zone prefix'],
  Wrong6DegreeZone: ['6 度带不符', 'Wrong 6-degree zone'], OutsideZone: ['不在开发区范围内', 'Outside the zone'], UnsupportedCrs: ['坐标系不受支持', 'Unsupported CRS'],
  RingReoriented: ['环方向已调整（提示）', 'Ring reoriented (note)'], UnknownProperty: ['未知字段（已忽略）', 'Unknown field (ignored)'],
  ReadOnlyProperty: ['只读字段（已忽略）', 'Read-only field (ignored)'], LegacyDatum: ['旧坐标系（已换算）', 'Legacy datum (converted)'],
  Promoted: ['已转为多面', 'Promoted to multi-part'], EncodingAssumed: ['按默认编码读取', 'Encoding assumed'], DeletedRecordsSkipped: ['已跳过删除的记录', 'Deleted records skipped'],
};

const pick = (pair) => (lang() === 'en' ? pair[1] : pair[0]);

/** A problem kind's name in the page's language (the code itself when the page does not know it). */
export const kindName = (kind) => (KINDS[kind] ? pick(KINDS[kind]) : String(kind ?? ''));

/** A feature as people count it: the report's 0-based index + 1 ("第 3 个要素"); null is the whole file. */
export const featureLabel = (index) => (index == null ? t('wholeFile') : t('featureNo', { n: Number(index) + 1 }));

/** The part of the request a problem names, in words ("坐标系（crs）"), or ''. */
function namedPart(body) {
  const name = body?.parameter ?? body?.field;
  if (!name) return '';
  if (!PARAMETERS[name]) return String(name);
  return lang() === 'en' ? `${pick(PARAMETERS[name])} (${name})` : `${pick(PARAMETERS[name])}（${name}）`;
}

/**
 * A refusal in the page's language: { text, detail } where text is our sentence (status, the part
 * named, the report's counts) and detail the server's own words (English), or '' when the page says it all.
 * @param {number} status
 * @param {any} body problem+json (or an upload's outcome)
 */
export function refusalText(status, body) {
  const counts = body?.report?.counts;
  let text;
  if (status === 422 && counts) text = t('refusedCounts', { invalid: counts.invalid ?? 0, read: counts.read ?? 0 });
  else text = pick(STATUS[status] ?? STATUS[status >= 500 ? 500 : 400]);
  const part = namedPart(body);
  if (part) text += lang() === 'en' ? `: ${part}` : `：${part}`;
  const detail = typeof body?.detail === 'string' && !(status === 422 && counts) ? body.detail : '';
  return { text, detail };
}

/** A role's name ("测绘员，可上传"). */
export const roleName = (role) => t(`role_${role}`) === `role_${role}` ? String(role) : t(`role_${role}`);
