/**
 * Modeler edit commands: every change the modeler makes to a BpmnModel is one of these.
 *
 * Contract
 * - `applyCommand(model, command)` (./apply-command.ts) is pure: it returns the next model and
 *   the `inverse` command that turns the next model back into exactly the given one (deep-equal,
 *   element order included). Undo applies the inverse; redo applies the command again.
 * - Commands carry every id they create (the caller picks fresh ids with `newElementId`), so
 *   applying a command twice to the same model gives the same result.
 * - A command that does not fit the model (unknown id, a type that cannot be connected...) throws
 *   `CommandError` and changes nothing.
 * - Shapes and edges live in the first diagram of the model (`model.diagrams[0]`); commands create
 *   that diagram when the model has none.
 */
import type { Artifact, BpmnModel, Bounds, EventDefinitionKind, FlowElement, FlowElementType, JsonValue, Point } from '../model';
import type { Fragment } from './clipboard';
import type { PatchOp } from './patch';

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** What a connection is in BPMN terms. */
export type ConnectionKind = 'sequenceFlow' | 'messageFlow' | 'association';

export type AddElementCommand = {
  kind: 'addElement';
  /** The new element, complete (id, type, parentId and its settings). */
  element: FlowElement;
  bounds: Bounds;
  /** Lane the element belongs to (its process's lane), if any. */
  laneId?: string;
  /** Sub-processes and call activities: drawn expanded (a container) or collapsed. */
  isExpanded?: boolean;
};

export type AddArtifactCommand = { kind: 'addArtifact'; artifact: Exclude<Artifact, { type: 'association' }>; bounds: Bounds };

/** A pool: a participant of the collaboration with its own new, empty process. */
export type AddPoolCommand = { kind: 'addPool'; participantId: string; processId: string; name?: string; bounds: Bounds };

/** A lane in a pool's process, drawn at `bounds` (inside the pool). */
export type AddLaneCommand = { kind: 'addLane'; laneId: string; processId: string; name?: string; bounds: Bounds };

export type DeleteElementsCommand = {
  kind: 'deleteElements';
  /** Flow elements, flows, artifacts, pools, lanes or message flows; what depends on them goes too. */
  ids: string[];
};

export type MoveElementsCommand = {
  kind: 'moveElements';
  ids: string[];
  delta: Point;
};

/** Puts flow elements into a container: a process, a sub-process, and optionally a lane. */
export type SetContainerCommand = {
  kind: 'setContainer';
  ids: string[];
  /** A process id or an expanded sub-process id. */
  parentId: string;
  /** The lane of the process the elements belong to; `null` takes them out of every lane. */
  laneId?: string | null;
};

export type ResizeElementCommand = { kind: 'resizeElement'; id: string; bounds: Bounds };

export type ConnectCommand = {
  kind: 'connect';
  connection: ConnectionKind;
  id: string;
  sourceRef: string;
  targetRef: string;
  /** DI waypoints; routed orthogonally between the two shapes when absent. */
  waypoints?: Point[];
};

export type ReconnectCommand = { kind: 'reconnect'; id: string; end: 'source' | 'target'; to: string };

/**
 * Sets the DI waypoints of a connection (its ends and bend points): adding, moving or removing a
 * bend point is one of these with the whole new list. At least two points.
 */
export type SetWaypointsCommand = { kind: 'setWaypoints'; id: string; waypoints: Point[] };

/** Puts the external label of a shape or connection at `bounds` (DI label bounds). */
export type MoveLabelCommand = { kind: 'moveLabel'; id: string; bounds: Bounds };

/** Properties to set on one element (JSON values; `null` removes a property). */
export type SetPropertiesCommand = {
  kind: 'setProperties';
  id: string;
  properties: Record<string, JsonValue>;
};

export type RenameIdCommand = { kind: 'renameId'; id: string; newId: string };

export type GlobalCollection = 'messages' | 'errors' | 'escalations' | 'signals';
/** Adds or replaces a message, error, escalation or signal definition of the document. */
export type SetGlobalCommand = {
  kind: 'setGlobal';
  collection: GlobalCollection;
  id: string;
  name?: string;
  /** errorCode or escalationCode. */
  code?: string;
};

export type ChangeTypeCommand = {
  kind: 'changeType';
  id: string;
  type: FlowElementType;
  /** Events: the one event definition to have (`none` for a plain event). */
  eventDefinition?: EventDefinitionKind | 'none';
  /** Service tasks: an agent task (with agent settings) or a plain service task. */
  agent?: boolean;
};

/** Makes an event a boundary event of `hostId`, its centre on the host's border near `at`. */
export type AttachBoundaryCommand = { kind: 'attachBoundary'; id: string; hostId: string; at: Point };

export type PasteCommand = {
  kind: 'paste';
  fragment: Fragment;
  /** Old id → new id for everything in the fragment (see `preparePaste`). */
  ids: Record<string, string>;
  delta: Point;
  /** The process or sub-process the pasted top-level elements go into. */
  parentId: string;
};

/** Replaces the whole model (import, restore of a version, auto-layout). */
export type ReplaceModelCommand = { kind: 'replaceModel'; model: BpmnModel };

/** Several commands as one undo step, applied in order. */
export type BatchCommand = { kind: 'batch'; commands: ModelCommand[] };

/** The exact inverse of a command, by element id (see ./patch.ts). */
export type PatchCommand = { kind: 'patch'; ops: PatchOp[] };

export type ModelCommand =
  | AddElementCommand
  | AddArtifactCommand
  | AddPoolCommand
  | AddLaneCommand
  | DeleteElementsCommand
  | MoveElementsCommand
  | SetContainerCommand
  | ResizeElementCommand
  | ConnectCommand
  | ReconnectCommand
  | SetWaypointsCommand
  | MoveLabelCommand
  | SetPropertiesCommand
  | RenameIdCommand
  | SetGlobalCommand
  | ChangeTypeCommand
  | AttachBoundaryCommand
  | PasteCommand
  | ReplaceModelCommand
  | BatchCommand
  | PatchCommand;

export type CommandKind = ModelCommand['kind'];

export type CommandResult = { model: BpmnModel; inverse: PatchCommand };
