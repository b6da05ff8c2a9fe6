import { z } from 'zod';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The outbox columns every staff view shows, selected from `report_outbox o`. */
export const DELIVERY_COLUMNS = `o.status, o.attempts, o.next_attempt_at, o.last_attempt_at,
  o.last_error, o.delivered_at, o.delivered_to, o.dead_at`;

const date = z.coerce.date();

export const DeliveryRow = z
  .object({
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    next_attempt_at: date,
    last_attempt_at: date.nullable(),
    last_error: z.string().nullable(),
    delivered_at: date.nullable(),
    delivered_to: z.string().nullable(),
    dead_at: date.nullable(),
  })
  .transform((r) => ({
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    deliveredTo: r.delivered_to,
    deadAt: r.dead_at,
  }));

export type DeliveryState = z.output<typeof DeliveryRow>;
