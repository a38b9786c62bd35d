// What other parts of main may use of executors: the directory with the server's contacts.
export { createExecutorsService, type ExecutorsService } from './executorsService';
