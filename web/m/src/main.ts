import 'vant/lib/index.css';
import './style.css';

import { createPinia } from 'pinia';
import { registerSW } from 'virtual:pwa-register';
import { createApp } from 'vue';

import App from './App.vue';
import { db } from './db';
import { flush, outboxItems, startOutbox } from './outbox';
import { router } from './router';
import { signedIn } from './session';

createApp(App).use(createPinia()).use(router).mount('#app');

// The service worker precaches the app shell (scope /m/): after the first visit the app opens offline.
registerSW({ immediate: true });

if (signedIn()) void startOutbox();
else {
  const stop = router.afterEach(() => {
    if (signedIn()) {
      stop();
      void startOutbox();
    }
  });
}

// For the browser tests and for support: what the phone holds (read-only views).
(window as unknown as { __xiuhuaM: unknown }).__xiuhuaM = {
  outboxCount: () => db.outbox.count(),
  get pending() {
    return outboxItems.value.length;
  },
  outbox: () => db.outbox.toArray().then((items) => items.map((i) => ({ id: i.id, kind: i.kind, state: i.state, attempts: i.attempts, error: i.error, photos: i.photos.length }))),
  sentCount: () => db.sent.count(),
  flush: () => flush(true),
};
