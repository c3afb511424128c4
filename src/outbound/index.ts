// Outbound: front-line changes delivered back to the operational systems that hold the customer. The outbox in
// the ODS holds every delivery and its state; this part posts them, signed, retrying with backoff, in order per customer.
export { startDeliverer, deliverDue, defaultMaxAttempts, type DelivererOptions, type DeliveryCounts, type OutboxStore, type RunningDeliverer } from './deliverer.ts';
export { deliveryMessage, idempotencyKey, postDelivery, type DeliveryMessage, type OutboundTarget } from './delivery-request.ts';
export { retryDelay, defaultBackoff, type Backoff } from './backoff.ts';
export { signBody, verifySignature, signatureHeader } from './signature.ts';
export { outboundTargets } from './targets.ts';
