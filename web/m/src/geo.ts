// GPS by watchPosition: the latest fix and its accuracy in metres. Browsers give WGS-84, so points
// are sent with crs=wgs84. The accuracy threshold is a setting and never blocks a report.
import { onBeforeUnmount, reactive } from 'vue';

export interface Fix {
  lon: number;
  lat: number;
  accuracy: number;
  at: number;
}

export function useGeolocation() {
  const state = reactive<{ fix: Fix | null; error: string; watching: boolean }>({ fix: null, error: '', watching: false });
  let id: number | null = null;
  if ('geolocation' in navigator) {
    id = navigator.geolocation.watchPosition(
      (p) => {
        state.fix = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, at: p.timestamp };
        state.error = '';
      },
      (e) => {
        state.error =
          e.code === e.PERMISSION_DENIED ? '未获准使用定位：请在浏览器设置中允许，或在地图上拖动标注' : '暂时无法定位，可在地图上拖动标注';
      },
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 30000 },
    );
    state.watching = true;
  } else {
    state.error = '此浏览器不支持定位，请在地图上拖动标注';
  }
  onBeforeUnmount(() => {
    if (id !== null) navigator.geolocation.clearWatch(id);
  });
  return state;
}

/** Distance in metres between two WGS-84 points (haversine). */
export function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const r = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(s));
}
