// The grid as OpenLayers layers (our own MVT tiles, Canvas 2D, no base map unless one is set):
// districts, streets, communities and cells, cells coloured by management class or by how many
// cases they had (hotspot counts come from the stats API, never counted here).
import type { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import MVT from 'ol/format/MVT';
import TileLayer from 'ol/layer/Tile';
import VectorTileLayer from 'ol/layer/VectorTile';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent';
import VectorTileSource from 'ol/source/VectorTile';
import XYZ from 'ol/source/XYZ';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';

import { http } from '../../api';

export type CellColouring = 'mgmt' | 'hotspot';

const districtFill = new Style({ fill: new Fill({ color: '#f4f7fb' }), zIndex: 0 });
const districtLine = new Style({ stroke: new Stroke({ color: '#173a63', width: 2.5 }), zIndex: 4 });
const streetLine = new Style({ stroke: new Stroke({ color: '#2f6db5', width: 1.6, lineDash: [7, 4] }), zIndex: 3 });
const communityLine = new Style({ stroke: new Stroke({ color: '#8aa4c2', width: 0.8 }), zIndex: 2 });
const mgmtFill: Record<string, Style> = {
  key: new Style({ fill: new Fill({ color: 'rgba(224, 120, 43, 0.38)' }), zIndex: 1 }),
  normal: new Style({ fill: new Fill({ color: 'rgba(61, 143, 209, 0.16)' }), zIndex: 1 }),
};
const cellLine = new Style({ stroke: new Stroke({ color: 'rgba(60, 90, 125, 0.45)', width: 0.6 }), zIndex: 1 });
export const HEAT_STEPS: { min: number; color: string }[] = [
  { min: 1, color: 'rgba(255, 224, 130, 0.55)' },
  { min: 2, color: 'rgba(255, 171, 64, 0.65)' },
  { min: 4, color: 'rgba(244, 96, 54, 0.72)' },
  { min: 8, color: 'rgba(196, 30, 58, 0.8)' },
];
const heatFill = HEAT_STEPS.map((s) => new Style({ fill: new Fill({ color: s.color }), zIndex: 1 }));
const selected = new Style({ stroke: new Stroke({ color: '#d0021b', width: 3 }), fill: new Fill({ color: 'rgba(208,2,27,0.12)' }), zIndex: 6 });

export interface GridLayerState {
  colouring: CellColouring;
  counts: Map<string, number>;
  selectedCode: string | null;
}

export function gridLayer(state: GridLayerState, onTile?: (kind: 'start' | 'end' | 'error') => void) {
  const source = new VectorTileSource({
    format: new MVT(),
    url: '/api/v1/tiles/grid/{z}/{x}/{y}.mvt',
    tileSize: 256,
    maxZoom: 16,
  });
  if (onTile) {
    source.on('tileloadstart', () => onTile('start'));
    source.on('tileloadend', () => onTile('end'));
    source.on('tileloaderror', () => onTile('error'));
  }
  const style = (f: FeatureLike, resolution: number): Style | Style[] | undefined => {
    switch (f.get('layer')) {
      case 'district':
        return [districtFill, districtLine];
      case 'street':
        return streetLine;
      case 'community':
        return resolution < 40 ? communityLine : undefined;
      case 'cell': {
        const code = f.get('code') as string;
        const out: Style[] = [];
        if (state.colouring === 'hotspot') {
          const n = state.counts.get(code) ?? 0;
          let i = -1;
          HEAT_STEPS.forEach((s, k) => { if (n >= s.min) i = k; });
          if (i >= 0) out.push(heatFill[i]);
        } else {
          out.push(mgmtFill[f.get('mgmt_class') as string] ?? mgmtFill.normal);
        }
        if (resolution < 5) out.push(cellLine);
        if (code === state.selectedCode) out.push(selected);
        return out;
      }
      default:
        return undefined;
    }
  };
  return new VectorTileLayer({ source, style, renderMode: 'hybrid', properties: { name: 'grid' } });
}

/** An optional base map (XYZ tiles from the server setting `XIUHUA_MAP_BASE_TILE_URL`). */
export function baseLayer(url: string | null | undefined): TileLayer<XYZ> | null {
  return url ? new TileLayer({ source: new XYZ({ url, crossOrigin: 'anonymous' }), properties: { name: 'base' } }) : null;
}

/** The extent of the districts the service has (EPSG:3857), or null when none is loaded. */
export async function districtExtent(): Promise<{ extent: Extent; names: string[] } | null> {
  const { data } = await http.GET('/api/v1/layers/{layer}', { params: { path: { layer: 'district' }, query: { limit: 1000 } as never } });
  const features = new GeoJSON().readFeatures(data as object, { featureProjection: 'EPSG:3857' });
  if (!features.length) return null;
  const extent = createEmpty();
  for (const f of features) {
    const g = f.getGeometry();
    if (g) extend(extent, g.getExtent());
  }
  return isEmpty(extent) ? null : { extent, names: features.map((f) => String(f.get('name'))) };
}
