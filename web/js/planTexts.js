// The planning features' words (plan layers, site check, compliance filter), Chinese first, added to
// the one dictionary (i18n.js addTexts) so t() and the language switch treat them like the rest.
import { addTexts } from './i18n.js';

addTexts({
  // layers and legend
  planning: ['规划', 'Planning'], plan_zones: ['控规用地', 'Regulatory plan'], control_lines: ['控制线', 'Control lines'],
  protected_areas: ['保护区域', 'Protected areas'], planUses: ['规划用地性质', 'Planned land use'],
  controlLineKinds: ['控制线', 'Control lines'], protectedAreaKinds: ['保护区域', 'Protected areas'],
  planDate: ['规划：{date} 有效', 'Plan in force on {date}'],
  planLayersNote: ['规划图层位于地块之下：关闭“土地”可看清规划用地。', 'The plan lies under the parcels: switch Land off to read it.'],
  // site check
  siteCheck: ['规划核查', 'Site check'], siteDraw: ['画范围核查', 'Draw a site'], sitePick: ['点选地块核查', 'Click a parcel'],
  siteFile: ['上传范围（GeoJSON 或 WKT）', 'Upload a site (GeoJSON or WKT)'], siteClear: ['清除核查', 'Clear check'],
  sitePickHint: ['在地图上单击一个地块；Esc 取消。', 'Click a parcel on the map; Esc cancels.'],
  siteDrawHint: ['单击加点，双击或“完成”结束；Esc 取消。', 'Click to add points, double-click or Finish; Esc cancels.'],
  proposedUse: ['拟用途', 'Proposed use'], proposedNone: ['（不核查用途）', '(use not checked)'],
  plotRatio: ['容积率', 'Plot ratio'], buildingDensity: ['建筑密度', 'Building density'], greenRatio: ['绿地率', 'Green ratio'],
  siteCrs: ['文件坐标系', 'File CRS'], siteCrsDefault: ['经纬度 CRS84（默认）', 'Lon/lat CRS84 (default)'],
  siteChecking: ['正在核查…', 'Checking…'], siteFailed: ['核查失败：{message}', 'Check failed: {message}'],
  siteNoParcel: ['此处没有地块', 'No parcel here'],
  siteTitle: ['规划核查结果', 'Site check'], siteTitleParcel: ['规划核查：地块 {code}', 'Site check: parcel {code}'],
  siteCompliant: ['符合规划', 'Complies with the plan'], siteNoncompliant: ['不符合规划', 'Does not comply with the plan'],
  siteArea: ['面积：{mu} 亩（{m2} m²），日期 {date}', 'Area: {mu} mu ({m2} m²), on {date}'],
  siteVerdicts: ['逐条核查', 'Rules'], siteRule: ['规则', 'Rule'], siteResult: ['结果', 'Result'],
  result_pass: ['通过', 'pass'], result_fail: ['不通过', 'fail'], result_not_checked: ['未核查', 'not checked'],
  rule_use: ['用地性质', 'Land use'], rule_plot_ratio: ['容积率', 'Plot ratio'], rule_building_density: ['建筑密度', 'Building density'],
  rule_green_ratio: ['绿地率', 'Green ratio'], rule_control_lines: ['控制线', 'Control lines'],
  rule_protected_areas: ['保护区域', 'Protected areas'], rule_plan_coverage: ['规划覆盖', 'Plan coverage'],
  siteFigures: ['规划指标与地块指标', 'The plan\'s figures and the site\'s'], sitePlan: ['规划', 'Plan'], siteOwn: ['地块／拟建', 'Site'],
  heightMax: ['建筑限高（米）', 'Height limit (m)'],
  siteZones: ['所在规划地块', 'Plan zones'], siteLines: ['压占控制线', 'Control lines encroached'],
  siteProtected: ['涉及保护区域', 'Protected areas touched'], siteParcels: ['重叠地块', 'Overlapping parcels'],
  share: ['占比', 'Share'], overlapM2: ['面积（m²）', 'Area (m²)'], name: ['名称', 'Name'], none: ['无', 'None'],
  // compliance filter
  compliance: ['规划符合性', 'Plan compliance'], complianceAll: ['全部', 'All'],
  compliance_noncompliant: ['不符合（任一规则）', 'Non-compliant (any rule)'], compliance_compliant: ['符合', 'Compliant'],
  compliance_no_plan: ['无规划覆盖', 'No plan'], complianceColour: ['按符合性着色', 'Colour by compliance'],
  complianceTotals: ['不符合规划的地块（按规则）', 'Non-compliant parcels by rule'],
  complianceLegend: ['规划符合性', 'Plan compliance'],
});
