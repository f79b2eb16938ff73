import { render } from 'preact';
import { Popup } from '../../components/popup/Popup';
import { startPopup } from '../../components/popup/start';
import './style.css';

// Before the first render: the background's answer is on its way while the first frame is drawn.
const start = startPopup();
render(<Popup start={start} />, document.getElementById('app')!);
