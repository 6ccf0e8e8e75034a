// Times: due countdowns are computed from the server's due time and the server's clock (the skew
// between the phone and the server is taken from the Date header of the last answer).
import { ref } from 'vue';

import { kvGet, kvSet } from './db';

export const skewMs = ref(0); // server clock − phone clock
export const nowTick = ref(Date.now());
setInterval(() => (nowTick.value = Date.now()), 30_000);

kvGet<number>('clockSkew').then((v) => {
  if (typeof v === 'number') skewMs.value = v;
});

export function noteServerTime(serverNow: number | null) {
  if (serverNow === null || Number.isNaN(serverNow)) return;
  skewMs.value = serverNow - Date.now();
  void kvSet('clockSkew', skewMs.value);
}

/** "剩 3 小时 20 分" / "超时 1 天 2 小时" for a due time. */
export function countdown(dueAt: string | null | undefined, _tick = nowTick.value): string {
  if (!dueAt) return '';
  const left = Date.parse(dueAt) - (Date.now() + skewMs.value);
  const abs = Math.abs(left);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const text = d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${m} 分` : `${m} 分钟`;
  return left >= 0 ? `剩 ${text}` : `超时 ${text}`;
}

export function fmtTime(t: string | number | null | undefined): string {
  if (t === null || t === undefined || t === '') return '';
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const LIGHTS: Record<string, { label: string; color: string }> = {
  green: { label: '绿灯', color: '#07c160' },
  yellow: { label: '黄灯', color: '#ff976a' },
  red: { label: '红灯', color: '#ee0a24' },
};
