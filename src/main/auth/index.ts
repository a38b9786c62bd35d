// What other parts of main may use of sign-in: the session owner and its access tokens.
export { createAuth, type Auth } from './authManager';
