// The console's one API instance (tokens under their own storage key). Screens never call fetch:
// they call the functions of src/api/ modules, which use this client.
import { createApi } from '@api/client';

export const api = createApi({
  storageKey: 'xiuhua.console.tokens',
  onSessionEnd: () => {
    window.dispatchEvent(new CustomEvent('xiuhua:session-end'));
  },
});
export const http = api.client;
