// What other parts of main may use of settings.
export { getSettings, updateSettings } from './settingsService';
