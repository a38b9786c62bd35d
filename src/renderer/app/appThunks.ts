import type { AppInfo, Settings } from '../../shared/ipc/contract';
import type { CallScript, Classifier, ExecutorDirectory } from '../../shared/domain';
import { createAppAsyncThunk } from './createAppThunk';

export interface Workstation {
  info: AppInfo;
  settings: Settings;
  classifier: Classifier;
  executors: ExecutorDirectory;
  script: CallScript;
}

/** Everything the operator's screen needs before the first call: one round of parallel requests. */
export const loadWorkstation = createAppAsyncThunk<Workstation>(
  'app/load',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const [info, settings, classifier, executors, script] = await Promise.all([
      api.app.info({}),
      api.settings.get({}),
      api.reference.classifier({}),
      api.reference.executors({}),
      api.scripts.get({ id: 'intake' }),
    ]);
    for (const result of [info, settings, classifier, executors, script]) {
      if (!result.ok) return rejectWithValue(result.error);
    }
    if (!info.ok || !settings.ok || !classifier.ok || !executors.ok || !script.ok)
      throw new Error('unreachable');
    return {
      info: info.value,
      settings: settings.value,
      classifier: classifier.value,
      executors: executors.value,
      script: script.value,
    };
  },
);

/** Applied at once (optimistically) and persisted through `settings:update`. */
export const changeSettings = createAppAsyncThunk<Settings, Partial<Settings>>(
  'app/changeSettings',
  async (patch, { extra: { api }, rejectWithValue }) => {
    const result = await api.settings.update(patch);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);
