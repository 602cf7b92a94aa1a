import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { compiledVersionCount } from './definitions';
import { executeCommand } from './execute-command';
import { createRuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { processXml, publishXml } from './test-support';

const WAITS = processXml(
  'compiled-once',
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="compiled-once-work"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

describeEachDatabase('definitions: compiled once per version and process', (database) => {
  it('given a published version, when several runtime contexts start and complete instances of it, then it is compiled once', async () => {
    const { modelKey } = await publishXml(database.db, WAITS);
    const before = compiledVersionCount();

    for (let i = 0; i < 3; i++) {
      // A new context each time, as API routes, the runtime loops and workers each have one.
      const rt = createRuntimeContext({ db: database.db });
      const started = await startInstance(rt, { processKey: modelKey });
      const job = await database.db.job.findFirstOrThrow({ where: { instanceId: started.instanceId } });
      const completed = await executeCommand(rt, { instanceId: started.instanceId, command: { type: 'CompleteJob', jobKey: job.id, variables: {} } });
      expect(completed.ok).toBe(true);
    }

    expect(compiledVersionCount() - before).toBe(1);
  });
});
