// What other parts of main may use of consultations: the use-cases, and the repository reads and
// writes that lookup and sync need.
export { createConsultation, findConsultations } from './consultationsService';
export { consultationsByPhone, getConsultation, insertConsultation } from './consultationsRepo';
