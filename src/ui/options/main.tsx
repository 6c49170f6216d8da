import { render } from 'preact';
import { applyUiLanguage } from '../shared/locale.ts';
import { markShown } from '../shared/timing.ts';
import { Options } from './options.tsx';

applyUiLanguage();
const root = document.getElementById('app');
if (root) {
  render(<Options />, root);
  markShown('options');
}
