import type { ChartSeries, ChartSpec } from "./plan";

/*
 * DrawingML for the 汇总 chart, as strings: ExcelJS cannot write charts, so ./xlsx adds these parts to the saved
 * file. One plot area holds a clustered column chart (the counted totals) and a line chart (the pass line) on
 * the same axes, the combination Excel, WPS and LibreOffice all draw.
 */

export const NS = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  sheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  packageRel: "http://schemas.openxmlformats.org/package/2006/relationships",
} as const;

export const CONTENT_TYPES = {
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
} as const;

export const REL_TYPES = {
  chart: `${NS.rel}/chart`,
  drawing: `${NS.rel}/drawing`,
} as const;

const CAT_AX = 500100;
const VAL_AX = 500200;
const BAR_COLOUR = "2E75B6";
/** Dark grey: the red of old would read as 否决. */
const LINE_COLOUR = "404040";
/** One inch in EMU; Excel's default column is about 0.9 in, a row 0.2 in. */
const EMU_INCH = 914400;

export const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function strCache(values: readonly string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: readonly (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

const seriesName = (s: ChartSeries): string =>
  `<c:tx><c:strRef><c:f>${escapeXml(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>`;

const categories = (spec: ChartSpec): string =>
  `<c:cat><c:strRef><c:f>${escapeXml(spec.categories.ref)}</c:f>${strCache(spec.categories.values)}</c:strRef></c:cat>`;

const values = (s: ChartSeries): string =>
  `<c:val><c:numRef><c:f>${escapeXml(s.ref)}</c:f>${numCache(s.values)}</c:numRef></c:val>`;

const richText = (text: string, size: number, bold: boolean): string =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
  `<a:r><a:rPr lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;

const solid = (hex: string): string => `<a:solidFill><a:srgbClr val="${hex}"/></a:solidFill>`;

/** One bar's own fill (c:dPt), so that each station shows its 认定结论's colour. */
const barPoint = (hex: string, idx: number): string =>
  `<c:dPt><c:idx val="${idx}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${solid(hex)}</c:spPr></c:dPt>`;

/**
 * A series that only names a colour in the legend: its value is an empty cell, and it is drawn over the real
 * bars (overlap 100) so that it takes no room. Excel, WPS and LibreOffice list series in the legend, never the
 * colours of single bars.
 */
const legendSeries = (entry: { name: string; colour: string }, idx: number, blankRef: string): string =>
  `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${escapeXml(entry.name)}</c:v></c:tx>` +
  `<c:spPr>${solid(entry.colour)}</c:spPr><c:invertIfNegative val="0"/>` +
  `<c:val><c:numRef><c:f>${escapeXml(blankRef)}</c:f>${numCache([null])}</c:numRef></c:val></c:ser>`;

/**
 * Data labels at the foot of each bar, inside it: at its top they would meet the pass line for every total
 * near 90. "General" shows 95 and 92.5, never "95.0".
 */
const BAR_LABELS =
  `<c:dLbls><c:numFmt formatCode="General" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800" b="1"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
  `<c:dLblPos val="inBase"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
  `<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;

/** The bar series' own legend entry (the first), hidden when the legend names the colours instead. */
const HIDE_BARS_ENTRY = `<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>`;

/** xl/charts/chartN.xml. */
export function chartXml(spec: ChartSpec): string {
  const legend = spec.legend?.entries ?? [];
  const blankRef = spec.legend?.blankRef ?? "";
  const points = (spec.barColours ?? []).map(barPoint).join("");
  const bar =
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/>${seriesName(spec.bars)}` +
    `<c:spPr>${solid(BAR_COLOUR)}</c:spPr><c:invertIfNegative val="0"/>${points}${BAR_LABELS}` +
    `${categories(spec)}${values(spec.bars)}</c:ser>` +
    legend.map((entry, i) => legendSeries(entry, i + 2, blankRef)).join("") +
    `<c:gapWidth val="60"/>${legend.length > 0 ? '<c:overlap val="100"/>' : ""}` +
    `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>`;
  const line =
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="1"/><c:order val="1"/>${seriesName(spec.line)}` +
    `<c:spPr><a:ln w="28575" cap="rnd">${solid(LINE_COLOUR)}<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="none"/></c:marker>${categories(spec)}${values(spec.line)}<c:smooth val="0"/></c:ser>` +
    `<c:marker val="1"/><c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:lineChart>`;
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:txPr><a:bodyPr rot="-2700000" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const { axis } = spec;
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/><c:max val="${axis.max}"/>` +
    `<c:min val="${axis.min}"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:title>${richText(axis.title, 900, false)}<c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="between"/><c:majorUnit val="${axis.majorUnit}"/></c:valAx>`;
  return (
    XML_DECL +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.rel}">` +
    `<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(spec.title, 1400, true)}<c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${bar}${line}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/>${legend.length > 0 ? HIDE_BARS_ENTRY : ""}<c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/>` +
    `<c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
    `</c:chartSpace>`
  );
}

/** xl/drawings/drawingN.xml: one chart anchored between two cells, referring to the chart by `relId`. */
export function drawingXml(spec: ChartSpec, relId: string, name = "图表 1"): string {
  const marker = (tag: string, p: { col: number; row: number }): string =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const cx = Math.round((spec.to.col - spec.from.col) * 0.9 * EMU_INCH);
  const cy = Math.round((spec.to.row - spec.from.row) * 0.2 * EMU_INCH);
  return (
    XML_DECL +
    `<xdr:wsDr xmlns:xdr="${NS.sheetDrawing}" xmlns:a="${NS.main}">` +
    `<xdr:twoCellAnchor>${marker("from", spec.from)}${marker("to", spec.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(name)}"/>` +
    `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${relId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/** A relationships part holding the given relationships. */
export function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  const items = rels
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
    .join("");
  return `${XML_DECL}<Relationships xmlns="${NS.packageRel}">${items}</Relationships>`;
}
