import '@fontsource/roboto/latin-400.css';
import '@fontsource/roboto/latin-500.css';
import '@fontsource/roboto/latin-700.css';
import '@fontsource/roboto/cyrillic-400.css';
import '@fontsource/roboto/cyrillic-500.css';
import '@fontsource/roboto/cyrillic-700.css';
// Kazakh letters (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ) live in the extended Cyrillic block.
import '@fontsource/roboto/cyrillic-ext-400.css';
import '@fontsource/roboto/cyrillic-ext-500.css';
import '@fontsource/roboto/cyrillic-ext-700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/AppProviders';
import { preloadCockpitIfLastHome } from './app/cockpitChunk';
import { pickApi } from './app/pickApi';
import { startApp } from './app/startApp';

const root = createRoot(document.getElementById('root')!);
const choice = pickApi();
if (choice.kind === 'ready') {
  preloadCockpitIfLastHome();
  const store = startApp(choice.api, choice.connection);
  root.render(
    <StrictMode>
      <AppProviders store={store}>
        <App />
      </AppProviders>
    </StrictMode>,
  );
} else {
  // Without the token the web host refuses the socket; the link it printed carries the token.
  root.render(
    <p style={{ font: '16px sans-serif', padding: 32 }}>
      Відкрийте посилання, яке надрукувала служба робочого місця (з #token=…). Open the link printed by the
      workstation service (it ends with #token=…).
    </p>,
  );
}
