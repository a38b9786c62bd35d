// Electron main entry, bundled to out/main/index.js by scripts/buildElectron.mjs.
import { runApp } from './app/electronMain';

runApp();
