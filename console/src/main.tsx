// The console's entry point: the app, mounted in index.html's #app.
import { render } from 'preact';
import { App } from './app';
import './styles.css';

render(<App />, document.getElementById('app')!);
