import { render } from 'preact';
import { App } from '../../components/library/App';
import './library.css';

render(<App />, document.getElementById('app')!);
