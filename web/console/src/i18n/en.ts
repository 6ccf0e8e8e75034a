import type zh from './zh-CN';

const en: typeof zh = {
  app: { name: 'Xiuhua', title: 'Grid-based city management', docs: 'API docs', logout: 'Log out', lang: '中文' },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in',
    required: 'Enter user name and password',
  },
  common: { loading: 'Loading…', empty: 'No data', retry: 'Retry', error: 'Error' },
  menu: {
    home: 'Home', map: 'Map', centre: 'Command centre', unit: 'Unit desk', hotline: 'Hotline desk',
    dashboard: 'Dashboard', admin: 'Administration',
  },
};
export default en;
