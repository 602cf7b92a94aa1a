/** `noop`: completes at once with no variables (the benchmark's service tasks, smoke tests). */
import type { JobExecutor } from './types';

export const noopExecutor: JobExecutor = async () => ({ kind: 'complete' });
