// What other parts of main may use of the floor: the holder the live channel feeds, and the
// use-cases behind floor:snapshot, floor:setAgentState and metrics:day.
export { createFloorHolder, COALESCE_MS, type FloorHolder } from './floorHolder';
export {
  dayMetrics,
  floorSnapshot,
  setAgentState,
  FLOOR_MESSAGES,
  FLOOR_PATHS,
  FLOOR_ROLES,
  METRICS_ROLES,
} from './floorService';
