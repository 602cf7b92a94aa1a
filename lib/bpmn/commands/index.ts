/** The modeler's edit commands (see ./types.ts for the contract). */
export * from './types';
export { applyCommand, executeCommand } from './apply-command';
export { EMPTY_HISTORY, execute, redo, undo, type History, type HistoryEntry } from './history';
export { PALETTE, paletteEntry, createFlowElement, createTextAnnotation, defaultSize, idPrefix, SIZES, type PaletteEntry, type PaletteGroup } from './element-factory';
export { connectionKindBetween } from './connect';
export { copyFragment, preparePaste, FragmentSchema, type Fragment } from './clipboard';
export { movedTogether } from './move-elements';
export { newElementId, allIds, processOf, allLanes, editedDiagram, descendantsOf } from './model-edit';
export { BPMN_ID } from './set-properties';
export { MIN_SIZE } from './resize-element';
