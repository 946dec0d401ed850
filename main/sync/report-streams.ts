/** Sign-ins (GET /report/activities) and the admin operation log, one UTC day per window. */
import type { WindowedStream } from './windowed.ts';
import { storePage } from './windowed.ts';

const REPORT_PAGE_SIZE = 300;

export const SIGN_INS: WindowedStream = {
  stream: 'sign_ins',
  windowDays: 1,
  async fetchWindow(ctx, window, tally) {
    const query = { from: window.from, to: window.to, page_size: REPORT_PAGE_SIZE };
    for await (const page of ctx.client.paginate('/report/activities', query, 'activity_logs')) {
      const items = page.items.map((record) => ({ kind: 'activity' as const, record }));
      storePage(ctx, 'api.report_activities', page, items, tally);
    }
  },
};

export const OPERATION_LOGS: WindowedStream = {
  stream: 'operation_logs',
  windowDays: 1,
  async fetchWindow(ctx, window, tally) {
    const query = { from: window.from, to: window.to, page_size: REPORT_PAGE_SIZE };
    const pages = ctx.client.paginate('/report/operationlogs', query, 'operation_logs');
    for await (const page of pages) {
      const items = page.items.map((record) => ({ kind: 'operation_log' as const, record }));
      storePage(ctx, 'api.operation_logs', page, items, tally);
    }
  },
};
