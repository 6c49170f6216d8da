import { render } from 'preact';
import { applyUiLanguage } from '../shared/locale.ts';
import { App } from './app.tsx';

applyUiLanguage();
const root = document.getElementById('app');
if (root) render(<App />, root);
