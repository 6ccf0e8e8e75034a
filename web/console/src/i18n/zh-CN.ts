export default {
  app: { name: '绣花', title: '网格化城市管理', docs: '接口文档', logout: '退出', lang: 'English' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录',
    required: '请输入用户名和密码',
  },
  common: { loading: '加载中…', empty: '暂无数据', retry: '重试', error: '出错了' },
  menu: {
    home: '首页', map: '一张图', centre: '指挥中心', unit: '单位工作台', hotline: '热线工作台',
    dashboard: '领导驾驶舱', admin: '系统管理',
  },
};
