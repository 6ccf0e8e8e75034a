// 绣花 xiuhua 地图控制台：单元网格矢量切片 + 定位 / 派遣建议 / 地址匹配。
// No base map: everything drawn here comes from this service (MVT + GeoJSON), rendered by
// OpenLayers on Canvas 2D, so it works without WebGL and without any outside server.

import 'ol/ol.css';

import { initLive } from './live.js';

import Feature from 'ol/Feature.js';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import Zoom from 'ol/control/Zoom.js';
import ZoomToExtent from 'ol/control/ZoomToExtent.js';
import { createEmpty, extend as extendExtent, isEmpty } from 'ol/extent.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import MVT from 'ol/format/MVT.js';
import Point from 'ol/geom/Point.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorTileLayer from 'ol/layer/VectorTile.js';
import { bbox as bboxStrategy } from 'ol/loadingstrategy.js';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';

import { CRS_LABELS, fromWgs84, toWgs84Approx } from './coords.js';

/** Mount the map console in the current DOM (the MapView template); returns the unmount. */
export function mountMap() {

  // ---------------------------------------------------------------- API

  const API_BASE = new URL('/api/v1/', window.location.href);
  const CELL_MIN_ZOOM = 12; // XIUHUA_MVT_CELL_MIN_ZOOM default
  const CELL_LABEL_ZOOM = 17;
  const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

  class ApiError extends Error {
    constructor(message, code, status, detail) {
      super(message);
      this.code = code;
      this.status = status;
      this.detail = detail;
    }
  }

  async function api(path, params = {}) {
    const url = new URL(path, API_BASE);
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    }
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json, application/geo+json' } });
    } catch {
      throw new ApiError('网络错误：无法连接绣花服务', 'network_error', 0, null);
    }
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!res.ok) {
      const message = (body && body.message) || `请求失败（HTTP ${res.status}）`;
      throw new ApiError(message, (body && body.code) || `http_${res.status}`, res.status,
        body && body.detail);
    }
    return body;
  }

  // ---------------------------------------------------------------- state (also read by the e2e test)

  const state = {
    ready: false,
    error: null,
    districts: [],
    extent: null,
    tiles: { loading: 0, loaded: 0, failed: 0 },
    renders: 0,
    selectedCode: null,
    lastQuery: null,
    lastLocate: null,
    lastRoute: null,
    lastLocateError: null,
    lastRouteError: null,
    lastSearch: null,
    busy: false,
  };
  window.__xiuhua = state;

  // ---------------------------------------------------------------- DOM helpers

  const $ = (id) => document.getElementById(id);

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') el.className = v;
        else if (k === 'dataset') Object.assign(el.dataset, v);
        else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function dl(rows) {
    const list = h('dl');
    for (const [label, value, field] of rows) {
      if (value === undefined) continue;
      list.append(h('dt', null, label), h('dd', field ? { 'data-field': field } : null, value));
    }
    return list;
  }

  function errorBox(err) {
    return h('div', { class: 'error-box', 'data-code': err.code || '' },
      err.message || String(err),
      err.code ? h('span', { class: 'code' }, err.code) : null);
  }

  function fmt(n, digits = 6) {
    return Number(n).toFixed(digits);
  }

  let toastTimer = 0;
  function toast(message) {
    const el = $('toast');
    el.textContent = message;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, 6000);
  }

  // ---------------------------------------------------------------- styles

  const colors = {
    districtLine: '#173a63',
    districtFill: '#f9fbfd',
    streetLine: '#2f6db5',
    communityLine: '#6f8fb3',
    keyFill: 'rgba(224, 120, 43, 0.38)',
    normalFill: 'rgba(61, 143, 209, 0.16)',
    cellLine: 'rgba(60, 90, 125, 0.45)',
    selected: '#d0021b',
  };

  const districtFill = new Style({ fill: new Fill({ color: colors.districtFill }), zIndex: 0 });
  const districtLine = new Style({
    stroke: new Stroke({ color: colors.districtLine, width: 2.5 }), zIndex: 4,
  });
  const streetLine = new Style({
    stroke: new Stroke({ color: colors.streetLine, width: 1.8, lineDash: [7, 4] }), zIndex: 3,
  });
  const communityLine = new Style({
    stroke: new Stroke({ color: colors.communityLine, width: 1 }), zIndex: 2,
  });
  const cellFill = {
    key: new Style({ fill: new Fill({ color: colors.keyFill }), zIndex: 1 }),
    normal: new Style({ fill: new Fill({ color: colors.normalFill }), zIndex: 1 }),
  };
  const cellOutline = {
    thin: new Style({ stroke: new Stroke({ color: colors.cellLine, width: 0.5 }), zIndex: 1 }),
    normal: new Style({ stroke: new Stroke({ color: colors.cellLine, width: 0.9 }), zIndex: 1 }),
  };
  const cellSelected = new Style({
    stroke: new Stroke({ color: colors.selected, width: 3 }),
    fill: new Fill({ color: 'rgba(208, 2, 27, 0.10)' }),
    zIndex: 6,
  });
  const cellLabel = new Style({
    text: new Text({
      font: '10px ui-monospace, Menlo, Consolas, monospace',
      overflow: true,
      fill: new Fill({ color: '#33475b' }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
    }),
  });

  function cellLabelStyle(feature) {
    cellLabel.getText().setText(feature.get('code'));
    return cellLabel;
  }

  let view; // set below; the style function needs zoom levels

  function gridStyle(feature, resolution) {
    const layer = feature.get('layer');
    const zoom = view.getZoomForResolution(resolution);
    switch (layer) {
      case 'district':
        return [districtFill, districtLine];
      case 'street':
        return streetLine;
      case 'community':
        return zoom >= 12 ? communityLine : null;
      case 'cell': {
        const code = feature.get('code');
        const styles = [cellFill[feature.get('mgmt_class')] || cellFill.normal];
        if (zoom >= 15) styles.push(cellOutline.normal);
        else if (zoom >= 14) styles.push(cellOutline.thin);
        if (code === state.selectedCode) styles.push(cellSelected);
        return styles;
      }
      default:
        return null;
    }
  }

  const labelStyles = {
    district: new Style({
      text: new Text({
        font: `600 16px ${FONT}`,
        fill: new Fill({ color: colors.districtLine }),
        stroke: new Stroke({ color: '#fff', width: 4 }),
      }),
    }),
    street: new Style({
      text: new Text({
        font: `600 13px ${FONT}`,
        fill: new Fill({ color: '#1f4f86' }),
        stroke: new Stroke({ color: '#fff', width: 3.5 }),
      }),
    }),
    community: new Style({
      text: new Text({
        font: `12px ${FONT}`,
        fill: new Fill({ color: '#4d6580' }),
        stroke: new Stroke({ color: '#fff', width: 3 }),
      }),
    }),
  };
  const LABEL_ZOOMS = { district: [0, 11.5], street: [10.5, 14.5], community: [13.5, 16.8] };

  function labelStyle(feature, resolution) {
    const kind = feature.get('kind');
    const zoom = view.getZoomForResolution(resolution);
    const [lo, hi] = LABEL_ZOOMS[kind];
    if (zoom < lo || zoom > hi) return null;
    const style = labelStyles[kind];
    style.getText().setText(feature.get('name'));
    return style;
  }

  const markerStyle = [
    new Style({
      image: new CircleStyle({
        radius: 11, fill: new Fill({ color: 'rgba(208, 2, 27, 0.18)' }),
      }),
    }),
    new Style({
      image: new CircleStyle({
        radius: 6,
        fill: new Fill({ color: colors.selected }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
    }),
  ];

  function candidateStyle(feature) {
    const active = feature.get('active');
    return new Style({
      image: new CircleStyle({
        radius: active ? 10 : 8,
        fill: new Fill({ color: active ? '#174b86' : '#1f5fa8' }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
      text: new Text({
        text: String(feature.get('rank')),
        font: `600 10px ${FONT}`,
        fill: new Fill({ color: '#fff' }),
      }),
      zIndex: active ? 2 : 1,
    });
  }

  // ---------------------------------------------------------------- map

  const gridSource = new VectorTileSource({
    format: new MVT(),
    url: `${API_BASE.pathname}tiles/grid/{z}/{x}/{y}.mvt`,
    tileSize: 256, // standard XYZ tiles, so the server's "cells from z12" is map zoom 12
    maxZoom: 16, // finer zooms reuse the z16 tiles (0.15 m precision)
  });
  gridSource.on('tileloadstart', () => { state.tiles.loading += 1; updateTileStatus(); });
  gridSource.on('tileloadend', () => {
    state.tiles.loading -= 1; state.tiles.loaded += 1; updateTileStatus();
  });
  gridSource.on('tileloaderror', () => {
    state.tiles.loading -= 1; state.tiles.failed += 1; updateTileStatus();
  });

  const gridLayer = new VectorTileLayer({
    source: gridSource,
    style: gridStyle,
    renderMode: 'hybrid',
    renderBuffer: 64,
    updateWhileInteracting: false,
    properties: { name: 'grid' },
  });

  const labelSource = new VectorSource();
  const labelLayer = new VectorLayer({
    source: labelSource, style: labelStyle, declutter: true, properties: { name: 'labels' },
  });
  // Cell codes are labelled from whole polygons (GeoJSON of the view), not from tile pieces, so
  // each cell gets exactly one label however the tiles cut it.
  const cellLabelFormat = new GeoJSON();
  const cellLabelSource = new VectorSource({
    strategy: bboxStrategy,
    loader(extent, _resolution, projection, success, failure) {
      const [x0, y0, x1, y1] = transformExtent(extent, projection, 'EPSG:4326');
      const bbox = [x0, y0, x1, y1].map((v) => v.toFixed(6)).join(',');
      api('layers/cell', { bbox, limit: 5000 })
        .then((fc) => {
          const features = cellLabelFormat.readFeatures(fc, { featureProjection: projection });
          cellLabelSource.addFeatures(features);
          success(features);
        })
        .catch(() => { cellLabelSource.removeLoadedExtent(extent); failure(); });
    },
  });
  const cellLabelLayer = new VectorLayer({
    source: cellLabelSource,
    style: cellLabelStyle,
    minZoom: CELL_LABEL_ZOOM - 0.01, // minZoom is exclusive
    declutter: true,
    properties: { name: 'cell-labels' },
  });
  const candidateSource = new VectorSource();
  const candidateLayer = new VectorLayer({ source: candidateSource, style: candidateStyle });
  const markerSource = new VectorSource();
  const markerLayer = new VectorLayer({ source: markerSource, style: markerStyle });

  view = new View({
    center: fromLonLat([116.4, 36.5]),
    zoom: 6,
    minZoom: 5,
    maxZoom: 20,
    constrainResolution: false,
  });

  const map = new Map({
    target: 'map',
    layers: [gridLayer, cellLabelLayer, labelLayer, candidateLayer, markerLayer],
    view,
    controls: [
      new Zoom({ zoomInTipLabel: '放大', zoomOutTipLabel: '缩小' }),
      new ScaleLine({ units: 'metric' }),
    ],
  });
  state.map = map;
  state.view = view;

  function updateTileStatus() {
    const t = state.tiles;
    $('status-tiles').textContent = t.loading > 0
      ? `切片加载中 ${t.loading}`
      : `切片 ${t.loaded}${t.failed ? ` · 失败 ${t.failed}` : ''}`;
  }

  map.on('rendercomplete', () => { state.renders += 1; });

  function updateZoomStatus() {
    const z = view.getZoom();
    $('status-zoom').textContent = `缩放 ${z.toFixed(1)} 级`;
    $('zoom-hint').textContent = z < CELL_MIN_ZOOM ? `放大到 ${CELL_MIN_ZOOM} 级以上显示单元网格` : '';
  }
  view.on('change:resolution', updateZoomStatus);
  updateZoomStatus();

  function selectedCrs() {
    return $('crs-select').value;
  }

  function showCoord(lon, lat) {
    const crs = selectedCrs();
    const [x, y] = fromWgs84(lon, lat, crs);
    $('status-coord').textContent = `${CRS_LABELS[crs]} ${fmt(x)}, ${fmt(y)}`;
  }

  let hoverFrame = 0;
  map.on('pointermove', (e) => {
    if (e.dragging) return;
    const [lon, lat] = toLonLat(e.coordinate);
    showCoord(lon, lat);
    if (hoverFrame) return;
    const pixel = e.pixel;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      let text = '';
      map.forEachFeatureAtPixel(pixel, (f) => {
        if (f.get('layer') !== 'cell') return undefined;
        const cls = f.get('mgmt_class') === 'key' ? '重点区域' : '一般区域';
        text = `网格 ${f.get('code')} · ${cls}`;
        return true;
      }, { layerFilter: (l) => l === gridLayer });
      $('status-hover').textContent = text;
    });
  });

  map.on('singleclick', (e) => {
    const [lon, lat] = toLonLat(e.coordinate);
    queryWgs84(lon, lat, 'map');
  });

  // ---------------------------------------------------------------- test helpers

  state.pixelFor = (lon, lat) => map.getPixelFromCoordinate(fromLonLat([lon, lat]));
  state.coordAt = (x, y) => toLonLat(map.getCoordinateFromPixel([x, y]));
  state.layersAt = (x, y) => {
    const names = [];
    map.forEachFeatureAtPixel([x, y], (f) => { names.push(f.get('layer')); }, {
      layerFilter: (l) => l === gridLayer,
    });
    return names;
  };
  state.cellLabelCount = () => (cellLabelLayer.isVisible(view) ? cellLabelSource.getFeatures().length : 0);
  state.jumpTo = (lon, lat, zoom) => {
    view.setCenter(fromLonLat([lon, lat]));
    view.setZoom(zoom);
  };

  // ---------------------------------------------------------------- start: fit the district(s)

  async function loadDistricts() {
    try {
      const fc = await api('layers/district', { limit: 1000 });
      const fmtGeo = new GeoJSON();
      const features = fmtGeo.readFeatures(fc, { featureProjection: 'EPSG:3857' });
      if (features.length === 0) {
        $('district-chip').textContent = '尚未导入区县';
        toast('尚未导入任何区县和单元网格：请先运行 xiuhua bootstrap 或导入网格数据');
        state.ready = true;
        return;
      }
      const extent = createEmpty();
      for (const f of features) extendExtent(extent, f.getGeometry().getExtent());
      state.extent = extent;
      state.districts = features.map((f) => ({ code: f.get('code'), name: f.get('name') }));
      $('district-chip').textContent = state.districts.map((d) => `${d.name} ${d.code}`).join('、');
      if (!isEmpty(extent)) {
        view.fit(extent, { padding: [40, 40, 40, 40] });
        map.addControl(new ZoomToExtent({ extent, label: '全', tipLabel: '缩放到全区' }));
      }
      addLabels(features, 'district');
      state.ready = true;
      for (const d of state.districts) {
        for (const kind of ['street', 'community']) {
          api(`layers/${kind}`, { district: d.code, limit: 10000 })
            .then((c) => addLabels(fmtGeo.readFeatures(c, { featureProjection: 'EPSG:3857' }), kind))
            .catch(() => {});
        }
      }
    } catch (err) {
      state.error = err.message;
      $('district-chip').textContent = '区县加载失败';
      toast(`加载区县范围失败：${err.message}`);
    }
  }

  function interiorPoint(geom) {
    if (geom.getType() === 'Polygon') return geom.getInteriorPoint().getCoordinates().slice(0, 2);
    if (geom.getType() === 'MultiPolygon') {
      let best = null;
      let bestArea = -1;
      for (const p of geom.getPolygons()) {
        const a = p.getArea();
        if (a > bestArea) { best = p; bestArea = a; }
      }
      return best ? best.getInteriorPoint().getCoordinates().slice(0, 2) : null;
    }
    return null;
  }

  function addLabels(features, kind) {
    const labels = [];
    for (const f of features) {
      const at = interiorPoint(f.getGeometry());
      if (at) labels.push(new Feature({ geometry: new Point(at), kind, name: f.get('name') }));
    }
    labelSource.addFeatures(labels);
  }

  // ---------------------------------------------------------------- locate + route

  const DECIDED_BY = { component: '部件吸附', rule: '责任规则', district_fallback: '区县兜底' };
  const ROLE = { territorial: '属地', specialist: '专业', fallback: '兜底' };
  const AREA_SCOPE = {
    district: '区县', street: '街道', community: '社区', cells: '指定网格', polygon: '自定义范围',
  };
  const UNIT_KIND = {
    government: '政府', street_office: '街道办事处', bureau: '职能部门', center: '指挥中心',
    company: '企业', squad: '作业班组',
  };
  const COMPONENT_STATE = {
    intact: '完好', damaged: '破损', lost: '丢失', abandoned: '废弃', removed: '移除',
  };
  const CATEGORY_KIND = { component: '部件', event: '事件' };

  function mgmtBadge(cls) {
    return cls === 'key'
      ? h('span', { class: 'badge key' }, '重点区域')
      : h('span', { class: 'badge normal' }, '一般区域');
  }

  function nameCode(name, code) {
    return [name, ' ', h('span', { class: 'code' }, code)];
  }

  function renderLocate(loc) {
    const p = loc.point;
    const frontage = loc.frontage.length
      ? h('ul', { class: 'holders' }, loc.frontage.map((f) => h('li', null,
        f.holder_name,
        f.holder_contact || f.holder_phone
          ? h('div', { class: 'sub' }, [f.holder_contact, f.holder_phone].filter(Boolean).join(' · '))
          : null,
        f.address ? h('div', { class: 'sub' }, f.address) : null)))
      : h('span', { class: 'sub' }, '无');
    const nearest = loc.nearest_address
      ? [loc.nearest_address.full_text, ' ',
        h('span', { class: 'sub' }, `约 ${Math.round(loc.nearest_address.distance_m)} 米`)]
      : h('span', { class: 'sub' }, '附近无标准地址');
    const raw = p.raw_crs === 'wgs84'
      ? null
      : h('div', { class: 'sub' }, `${CRS_LABELS[p.raw_crs] || p.raw_crs} ${fmt(p.raw_lon)}, ${fmt(p.raw_lat)}`);
    return dl([
      ['单元网格', [h('span', { class: 'grid-code' }, loc.grid_code), mgmtBadge(loc.mgmt_class)], 'grid_code'],
      ['网格面积', `${Math.round(loc.cell_area_m2).toLocaleString('zh-CN')} 平方米`],
      ['社区', nameCode(loc.community_name, loc.community_code), 'community'],
      ['街道', nameCode(loc.street_name, loc.street_code), 'street'],
      ['区县', nameCode(loc.district_name, loc.district_code), 'district'],
      ['管理等级', loc.mgmt_class === 'key' ? '重点区域（key）' : '一般区域（normal）', 'mgmt_class'],
      ['门前三包', frontage, 'frontage'],
      ['最近地址', nearest, 'nearest_address'],
      ['坐标', [h('div', null, `WGS-84 ${fmt(p.lon)}, ${fmt(p.lat)}`), raw]],
    ]);
  }

  function renderRoute(r) {
    const u = r.unit;
    const rows = [
      ['类别', [`${CATEGORY_KIND[r.category.kind] || r.category.kind} · ${r.category.name} `,
        h('span', { class: 'code' }, `${r.category.kind}:${r.category.code}`)], 'category'],
      ['责任单位', [h('div', { class: 'unit-name' }, u.name),
        h('div', { class: 'sub' }, [UNIT_KIND[u.kind] || u.kind, u.code, u.contact_phone]
          .filter(Boolean).join(' · '))], 'unit'],
      ['决定依据', h('span', { class: 'badge neutral', style: 'margin-left:0' },
        DECIDED_BY[r.decided_by] || r.decided_by), 'decided_by'],
    ];
    if (r.rule) {
      const rule = r.rule;
      rows.push(['责任规则', [
        `#${rule.id} · ${ROLE[rule.role] || rule.role} · ${AREA_SCOPE[rule.area_scope] || rule.area_scope}`,
        rule.area_code ? [' ', h('span', { class: 'code' }, rule.area_code)] : null,
        h('div', { class: 'sub' }, `类别范围 ${rule.category_scope} · 优先级 ${rule.priority}`),
      ], 'rule']);
    }
    if (r.component) {
      const c = r.component;
      rows.push(['吸附部件', [
        c.name || '部件', ' ', h('span', { class: 'code' }, c.id),
        h('div', { class: 'sub' }, [
          `状态 ${COMPONENT_STATE[c.state] || c.state}`, `距离 ${c.distance_m.toFixed(1)} 米`,
          c.owner_name ? `权属 ${c.owner_name}` : null,
          c.maintainer_name ? `养护 ${c.maintainer_name}` : null,
        ].filter(Boolean).join(' · ')),
      ], 'component']);
    }
    const frag = document.createDocumentFragment();
    frag.append(dl(rows), h('div', { class: 'reason', 'data-field': 'reason' }, r.reason));
    return frag;
  }

  function setMarker(lon, lat) {
    markerSource.clear();
    markerSource.addFeature(new Feature(new Point(fromLonLat([lon, lat]))));
  }

  function selectCell(code) {
    if (state.selectedCode === code) return;
    state.selectedCode = code;
    gridLayer.changed();
  }

  /** Query a true (WGS-84) position, sent in the selected coordinate system. */
  function queryWgs84(lon, lat, source) {
    const crs = selectedCrs();
    const [x, y] = fromWgs84(lon, lat, crs);
    setMarker(lon, lat);
    return queryRaw(x, y, crs, source);
  }

  let querySeq = 0;

  async function queryRaw(lon, lat, crs, source) {
    const seq = ++querySeq;
    const params = { lon: fmt(lon, 8), lat: fmt(lat, 8), crs };
    const category = $('category-input').value.trim();
    state.lastQuery = { ...params, category, source };
    state.busy = true;
    const locateEl = $('locate-result');
    const routeEl = $('route-result');
    locateEl.replaceChildren(h('p', { class: 'loading' }, '正在定位…'));
    routeEl.replaceChildren(h('p', { class: 'loading' }, '正在计算派遣建议…'));
    const [loc, rt] = await Promise.allSettled([
      api('locate', params),
      category
        ? api('route', { ...params, category })
        : Promise.reject(new ApiError('请先填写派遣类别，如 event:09006', 'missing_category')),
    ]);
    if (seq !== querySeq) return; // a newer click won
    state.busy = false;
    if (loc.status === 'fulfilled') {
      state.lastLocate = loc.value;
      state.lastLocateError = null;
      locateEl.replaceChildren(renderLocate(loc.value));
      setMarker(loc.value.point.lon, loc.value.point.lat);
      selectCell(loc.value.grid_code);
      if (source === 'address') $('locate-card').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      if (source === 'coords') {
        view.animate({ center: fromLonLat([loc.value.point.lon, loc.value.point.lat]),
          zoom: Math.max(view.getZoom(), 16), duration: 500 });
      }
    } else {
      state.lastLocate = null;
      state.lastLocateError = { code: loc.reason.code, message: loc.reason.message };
      locateEl.replaceChildren(errorBox(loc.reason));
      selectCell(null);
      if (source === 'coords') {
        markerSource.clear();
        const [wx, wy] = toWgs84Approx(lon, lat, crs);
        if (state.extent && Math.abs(wx) <= 180 && Math.abs(wy) <= 85) setMarker(wx, wy);
      }
    }
    if (rt.status === 'fulfilled') {
      state.lastRoute = rt.value;
      state.lastRouteError = null;
      routeEl.replaceChildren(renderRoute(rt.value));
    } else {
      state.lastRoute = null;
      state.lastRouteError = { code: rt.reason.code, message: rt.reason.message };
      routeEl.replaceChildren(errorBox(rt.reason));
    }
  }

  // ---------------------------------------------------------------- controls

  $('crs-select').addEventListener('change', () => {
    $('coord-input').placeholder = `经度, 纬度（${CRS_LABELS[selectedCrs()]}）`;
    const loc = state.lastLocate;
    if (loc) queryWgs84(loc.point.lon, loc.point.lat, 'crs');
  });
  $('coord-input').placeholder = `经度, 纬度（${CRS_LABELS[selectedCrs()]}）`;

  $('category-input').addEventListener('change', () => {
    const loc = state.lastLocate;
    if (loc) queryWgs84(loc.point.lon, loc.point.lat, 'category');
  });

  $('coord-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const parts = $('coord-input').value.trim().split(/[\s,，;；]+/).filter(Boolean).map(Number);
    if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v))) {
      $('locate-result').replaceChildren(errorBox(new ApiError(
        '坐标格式应为“经度, 纬度”，如 118.0458, 36.8132', 'invalid_input')));
      return;
    }
    queryRaw(parts[0], parts[1], selectedCrs(), 'coords');
  });

  // ---------------------------------------------------------------- address search

  function renderCandidates(list) {
    const ol = $('search-results');
    candidateSource.clear();
    ol.replaceChildren();
    list.forEach((c, i) => {
      const rank = i + 1;
      const pct = Math.max(0, Math.min(1, c.score));
      const li = h('li', {
        class: 'candidate', tabindex: '0', role: 'button', 'data-address-id': c.address_id,
        title: `${c.full_text}（${fmt(c.lon)}, ${fmt(c.lat)}）`,
      },
      h('span', { class: 'cand-rank' }, rank),
      h('span', { class: 'cand-text' }, c.full_text),
      h('span', { class: 'cand-score' },
        h('span', { class: 'score-num' }, `${(pct * 100).toFixed(0)}%`),
        h('div', { class: 'score-bar' }, h('i', { style: `width:${(pct * 100).toFixed(0)}%` }))));
      const pick = () => pickCandidate(c, li, feature);
      li.addEventListener('click', pick);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
      const feature = new Feature({ geometry: new Point(fromLonLat([c.lon, c.lat])), rank });
      candidateSource.addFeature(feature);
      ol.append(li);
    });
  }

  function pickCandidate(c, li, feature) {
    for (const el of document.querySelectorAll('.candidate.active')) el.classList.remove('active');
    li.classList.add('active');
    for (const f of candidateSource.getFeatures()) f.set('active', f === feature);
    view.animate({ center: fromLonLat([c.lon, c.lat]), zoom: 17, duration: 700 });
    queryWgs84(c.lon, c.lat, 'address');
  }

  $('search-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('search-input').value.trim();
    const status = $('search-status');
    if (!q) { status.textContent = '请输入地址'; return; }
    status.textContent = '正在匹配…';
    try {
      const list = await api('geocode', { address: q, limit: 8 });
      state.lastSearch = { query: q, count: list.length };
      status.textContent = list.length
        ? `找到 ${list.length} 个候选地址，点击定位：`
        : '未找到匹配的标准地址';
      renderCandidates(list);
      if (list.length) {
        const ext = createEmpty();
        for (const f of candidateSource.getFeatures()) extendExtent(ext, f.getGeometry().getExtent());
        view.fit(ext, { padding: [80, 80, 80, 80], maxZoom: 16, duration: 500 });
      }
    } catch (err) {
      state.lastSearch = { query: q, error: err.message };
      renderCandidates([]);
      status.replaceChildren(errorBox(err));
    }
  });

  loadDistricts();
  const stopLive = initLive();
  return () => {
    stopLive();
    map.setTarget(undefined);
    if (window.__xiuhua === state) delete window.__xiuhua;
  };
}
