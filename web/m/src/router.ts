import { createRouter, createWebHistory } from 'vue-router';

import { signedIn } from './session';

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    { path: '/', redirect: '/report' },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/report', component: () => import('./views/ReportView.vue'), meta: { tab: 'report' } },
    { path: '/report/:id', component: () => import('./views/ReportView.vue'), meta: { tab: 'outbox' } },
    { path: '/tasks', component: () => import('./views/TasksView.vue'), meta: { tab: 'tasks' } },
    { path: '/tasks/:id', component: () => import('./views/TaskView.vue'), meta: { tab: 'tasks' } },
    { path: '/outbox', component: () => import('./views/OutboxView.vue'), meta: { tab: 'outbox' } },
    { path: '/mine', component: () => import('./views/MineView.vue'), meta: { tab: 'mine' } },
    { path: '/cases/:id', component: () => import('./views/CaseView.vue'), meta: { tab: 'mine' } },
    { path: '/me', component: () => import('./views/MeView.vue'), meta: { tab: 'me' } },
    { path: '/:rest(.*)*', redirect: '/report' },
  ],
});

router.beforeEach((to) => {
  if (!to.meta.public && !signedIn()) return { path: '/login', query: { next: to.fullPath } };
  return true;
});
