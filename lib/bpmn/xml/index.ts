/**
 * BPMN 2.0 XML <-> BpmnModel (the only part of lib/bpmn that touches an XML library).
 * `decodeBpmnBytes` first for files and uploads, then `importBpmn`; `exportBpmn` for download.
 */
export { decodeBpmnBytes } from './decode-bpmn';
export { exportBpmn } from './export-bpmn';
export { importBpmn, MAX_BPMN_BYTES, type ImportResult } from './import-bpmn';
