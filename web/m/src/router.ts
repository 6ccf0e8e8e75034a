// Screens are bundled statically: one chunk, so the build is the same wherever it runs.
import { createRouter, createWebHistory } from 'vue-router';

import { signedIn } from './session';
import CaseView from './views/CaseView.vue';
import LoginView from './views/LoginView.vue';
import MeView from './views/MeView.vue';
import MineView from './views/MineView.vue';
import OutboxView from './views/OutboxView.vue';
import ReportView from './views/ReportView.vue';
import TaskView from './views/TaskView.vue';
import TasksView from './views/TasksView.vue';

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    { path: '/', redirect: '/report' },
    { path: '/login', component: LoginView, meta: { public: true } },
    { path: '/report', component: ReportView, meta: { tab: 'report' } },
    { path: '/report/:id', component: ReportView, meta: { tab: 'outbox' } },
    { path: '/tasks', component: TasksView, meta: { tab: 'tasks' } },
    { path: '/tasks/:id', component: TaskView, meta: { tab: 'tasks' } },
    { path: '/outbox', component: OutboxView, meta: { tab: 'outbox' } },
    { path: '/mine', component: MineView, meta: { tab: 'mine' } },
    { path: '/cases/:id', component: CaseView, meta: { tab: 'mine' } },
    { path: '/me', component: MeView, meta: { tab: 'me' } },
    { path: '/:rest(.*)*', redirect: '/report' },
  ],
});

router.beforeEach((to) => {
  if (!to.meta.public && !signedIn()) return { path: '/login', query: { next: to.fullPath } };
  return true;
});
