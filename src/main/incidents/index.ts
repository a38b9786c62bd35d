// What other parts of main may use of incidents: the holder the live channel feeds, the part that
// keeps it and the waiting links current, and the use-cases behind the `incidents:*` channels.
export { createIncidentsHolder, type IncidentsHolder } from './incidentsHolder';
export { startIncidents, type IncidentsPart } from './incidentsPart';
export {
  actOnIncident,
  incidentDetail,
  incidentsNear,
  linkAppeal,
  openIncidents,
  INCIDENT_LEAD_ROLES,
  INCIDENT_MESSAGES,
} from './incidentsService';
