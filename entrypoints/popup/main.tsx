import { render } from 'preact';
import { Popup } from '../../components/popup/Popup';
import { startPopup } from '../../components/popup/start';
import './style.css';

// Sent by popup-start.js while the page was parsed; here only if that script did not run.
const start = window.dejaluPopupStart ?? startPopup();
render(<Popup start={start} />, document.getElementById('app')!);
