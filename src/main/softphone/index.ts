// What other parts of main may use of telephony: starting it and its parts' channels.
export { startTelephony, type TelephonyParts } from './startTelephony';
