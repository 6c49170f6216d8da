import { render } from 'preact';
import { Options } from './options.tsx';

const root = document.getElementById('app');
if (root) render(<Options />, root);
