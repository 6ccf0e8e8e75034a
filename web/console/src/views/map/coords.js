// WGS-84 → GCJ-02 / BD-09 forward transforms, ported from prcoords (public domain), the library
// the server uses; the server does the exact inverse. Outside China the offsets are not applied,
// as prcoords does (which still applies Baidu's constant offset there).

const GCJ_A = 6378245;
const GCJ_EE = 0.00669342162296594323;
const BD_DLAT = 0.006;
const BD_DLON = 0.0065;
const RAD = Math.PI / 180;

function inChina(lon, lat) {
  return lat >= 0.8293 && lat <= 55.8271 && lon >= 72.004 && lon <= 137.8347;
}

export function wgsToGcj(lon, lat) {
  if (!inChina(lon, lat)) return [lon, lat];
  const x = lon - 105;
  const y = lat - 35;
  const dLatM = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) +
    (2 * Math.sin(x * 6 * Math.PI) + 2 * Math.sin(x * 2 * Math.PI) + 2 * Math.sin(y * Math.PI) +
      4 * Math.sin((y / 3) * Math.PI) + 16 * Math.sin((y / 12) * Math.PI) +
      32 * Math.sin((y / 30) * Math.PI)) * 20 / 3;
  const dLonM = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) +
    (2 * Math.sin(x * 6 * Math.PI) + 2 * Math.sin(x * 2 * Math.PI) + 2 * Math.sin(x * Math.PI) +
      4 * Math.sin((x / 3) * Math.PI) + 15 * Math.sin((x / 12) * Math.PI) +
      30 * Math.sin((x / 30) * Math.PI)) * 20 / 3;
  const radLat = lat * RAD;
  const magic = 1 - GCJ_EE * Math.sin(radLat) ** 2;
  const latDegArc = (GCJ_A * (1 - GCJ_EE)) / magic ** 1.5 * RAD;
  const lonDegArc = (GCJ_A * Math.cos(radLat)) / Math.sqrt(magic) * RAD;
  return [lon + dLonM / lonDegArc, lat + dLatM / latDegArc];
}

function gcjToBd(lon, lat) {
  const r = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * RAD * 3000);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * RAD * 3000);
  return [r * Math.cos(theta) + BD_DLON, r * Math.sin(theta) + BD_DLAT];
}

/** Convert a true WGS-84 position to `crs` (wgs84 | gcj02 | bd09). */
export function fromWgs84(lon, lat, crs) {
  if (crs === 'gcj02') return wgsToGcj(lon, lat);
  if (crs === 'bd09') {
    // As prcoords: the GCJ offset only inside China, Baidu's own offset everywhere.
    const [gx, gy] = wgsToGcj(lon, lat);
    return gcjToBd(gx, gy);
  }
  return [lon, lat];
}

/** Approximate inverse (metre-level), only for placing a marker before the server answers. */
export function toWgs84Approx(lon, lat, crs) {
  if (crs !== 'gcj02' && crs !== 'bd09') return [lon, lat];
  let [x, y] = [lon, lat];
  for (let i = 0; i < 3; i += 1) {
    const [fx, fy] = fromWgs84(x, y, crs);
    x -= fx - lon;
    y -= fy - lat;
  }
  return [x, y];
}

export const CRS_LABELS = {
  wgs84: 'WGS-84',
  cgcs2000: 'CGCS2000',
  gcj02: 'GCJ-02',
  bd09: 'BD-09',
};
