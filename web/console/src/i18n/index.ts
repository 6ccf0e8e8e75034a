// zh-CN by default, English switchable; the choice is kept in localStorage.
import { createI18n } from 'vue-i18n';

import en from './en';
import zh from './zh-CN';

const saved = (() => {
  try {
    return localStorage.getItem('xiuhua.locale');
  } catch {
    return null;
  }
})();

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export function setLocale(l: 'zh-CN' | 'en'): void {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem('xiuhua.locale', l);
  } catch {
    /* ignore */
  }
}
