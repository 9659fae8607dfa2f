/** The record viewer: a loopback-only web page to browse records, executions and verdicts side by side. */
export { startViewer, startArenaViewer, assertLoopback, LOOPBACK_HOSTS, CONTENT_SECURITY_POLICY, type Viewer, type ViewerOptions } from './server.js';
export {
  RecordIndex, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
  type ViewerData, type RecordSummary, type RecordQuery, type RecordPage, type RecordDetail, type SideDetail, type VerdictDetail, type Facets,
} from './records.js';
export { loadViewerData, type ViewerSources } from './load.js';
export { highlightCode, type CodeToken } from './highlight.js';
export { sniffImageType, MAX_IMAGE_BYTES } from './image.js';
export { ArenaIndex, loadArenaViewerData, type ArenaViewerData, type ArenaRecordSummary, type ArenaRecordDetail, type ArenaVerdictDetail } from './arena.js';
