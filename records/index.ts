export { buildReport, ReportValidationError, type SubmitOrigin } from './build';
export {
  createRecords,
  defaultTranslator,
  loadReport,
  type Records,
  type RecordsLogger,
  type RecordsOptions,
  type StoredReport,
} from './records';
export { startDelivery, backoffMs, type DeliveryOptions, type DeliveryWorker } from './delivery';
export {
  deadLetters,
  listReports,
  outboxCounts,
  purge,
  redeliver,
  type PurgeResult,
  type ReportSummary,
  type RetentionOptions,
} from './admin';
export { newReference, parseReference, isReference, REFERENCE_ALPHABET } from './reference';
export { REPORT_SCHEMA_ID, ReportSchema, reportJsonSchema, type Report } from './report';
export { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signBody, verifySignature } from './signature';
export {
  createReceiver,
  startReceiver,
  type ReceivedReport,
  type ReceiverBehaviour,
  type ReceiverEvent,
  type RunningReceiver,
} from './receiver';
