import 'uplot/dist/uPlot.min.css';
import './console.css';
import './pages.css';
import './tables.css';
import './forms.css';
import { render } from 'preact';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root) render(<App />, root);
