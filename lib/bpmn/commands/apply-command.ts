/**
 * The one map from command kind to what it does, and the exact inverse of every command (see
 * ./types.ts for the contract and ./patch.ts for how the inverse is computed).
 */
import type { BpmnModel } from '../model';
import { addArtifact, addElement, addLane, addPool } from './add-element';
import { attachBoundary } from './attach-boundary';
import { changeType } from './change-type';
import { paste } from './clipboard';
import { connect, reconnect } from './connect';
import { deleteElements } from './delete-elements';
import { moveElements } from './move-elements';
import { moveLabel } from './move-label';
import { setWaypoints } from './set-waypoints';
import { applyPatch, inversePatch } from './patch';
import { resizeElement } from './resize-element';
import { setContainer } from './set-container';
import { renameId, setGlobal, setProperties } from './set-properties';
import type { CommandResult, ModelCommand } from './types';

/** The model after the command; throws `CommandError` when the command does not fit the model. */
export function executeCommand(model: BpmnModel, command: ModelCommand): BpmnModel {
  switch (command.kind) {
    case 'addElement':
      return addElement(model, command);
    case 'addArtifact':
      return addArtifact(model, command);
    case 'addPool':
      return addPool(model, command);
    case 'addLane':
      return addLane(model, command);
    case 'deleteElements':
      return deleteElements(model, command);
    case 'moveElements':
      return moveElements(model, command);
    case 'setContainer':
      return setContainer(model, command);
    case 'resizeElement':
      return resizeElement(model, command);
    case 'connect':
      return connect(model, command);
    case 'reconnect':
      return reconnect(model, command);
    case 'setWaypoints':
      return setWaypoints(model, command);
    case 'moveLabel':
      return moveLabel(model, command);
    case 'setProperties':
      return setProperties(model, command);
    case 'renameId':
      return renameId(model, command);
    case 'setGlobal':
      return setGlobal(model, command);
    case 'changeType':
      return changeType(model, command);
    case 'attachBoundary':
      return attachBoundary(model, command);
    case 'paste':
      return paste(model, command);
    case 'replaceModel':
      return command.model;
    case 'batch':
      return command.commands.reduce(executeCommand, model);
    case 'patch':
      return applyPatch(model, command.ops);
  }
}

export function applyCommand(model: BpmnModel, command: ModelCommand): CommandResult {
  const next = executeCommand(model, command);
  return { model: next, inverse: { kind: 'patch', ops: inversePatch(model, next) } };
}
