// The inspector's settings on this phone (localStorage): every number here is a setting.
import { reactive, watch } from 'vue';

export interface Settings {
  accuracyM: number; // GPS accuracy wanted before the point counts as good (never blocks)
  photoLongSide: number; // photos are scaled so that the long side is at most this (px)
  jpegQuality: number;
  backoffBaseS: number; // first retry after this many seconds, doubling per attempt
  backoffMaxS: number;
  uploadTimeoutS: number; // an upload with no answer by then is abandoned and retried (same key)
  nearbyRadiusM: number; // components and open cases shown around the point
  phrases: string[]; // 惯用语
}

const KEY = 'xiuhua.m.settings';
export const DEFAULTS: Settings = {
  accuracyM: 30,
  photoLongSide: 2048,
  jpegQuality: 0.85,
  backoffBaseS: 5,
  backoffMaxS: 300,
  uploadTimeoutS: 120,
  nearbyRadiusM: 150,
  phrases: [
    '影响市容',
    '影响通行',
    '存在安全隐患',
    '群众反映强烈',
    '已现场劝导',
    '请尽快处置',
  ],
};

function load(): Settings {
  try {
    const raw = localStorage.getItem(KEY);
    return { ...DEFAULTS, ...(raw ? (JSON.parse(raw) as Partial<Settings>) : {}) };
  } catch {
    return { ...DEFAULTS };
  }
}

export const settings = reactive<Settings>(load());

watch(settings, (s) => {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    /* storage full or private mode: keep in memory */
  }
});
