import { render } from 'preact';
import { applyUiLanguage } from '../shared/locale.ts';
import { send } from '../shared/send.ts';
import { markShown } from '../shared/timing.ts';
import { App } from './app.tsx';
import { adoptCatalog } from './catalog-index.ts';

applyUiLanguage();
const root = document.getElementById('app');
// The worker says which catalog is in use first: a page that cannot ask shows the bundled one.
void send('get-catalog', {}).then((reply) => {
  if (reply.ok) adoptCatalog(reply.value);
  if (root) render(<App />, root);
  markShown('app');
});
