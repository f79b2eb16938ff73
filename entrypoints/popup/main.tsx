import { render } from 'preact';
render(<p>Déjà Lu</p>, document.getElementById('app')!);
