/** Every route of the application, in one table. Modules add their route functions here. */
import { calendarRoutes } from '../calendar/calendar.routes.ts';
import { type Config, loadConfig } from '../config.ts';
import { figureRoutes } from '../figures/figure.routes.ts';
import { attachmentRoutes } from '../ledger/attachment.routes.ts';
import { excelRoutes } from '../ledger/excel.routes.ts';
import { ledgerRoutes } from '../ledger/ledger.routes.ts';
import '../modules/index.ts';
import { drawRoutes } from '../modules/enforcement/draw.routes.ts';
import { lawRoutes } from '../modules/law/law.routes.ts';
import { coverageRoutes } from '../modules/publicity/coverage.routes.ts';
import { channelRoutes } from '../notify/channels.routes.ts';
import { notificationRoutes } from '../notify/notification.routes.ts';
import { reminderRoutes } from '../reminders/reminders.routes.ts';
import { reportRoutes } from '../reports/report.routes.ts';
import { todoRoutes } from '../todo/todo.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { coreRoutes } from './core.routes.ts';
import { type AnyRoute, Router } from './router.ts';

export function allRoutes(cfg: Config = loadConfig()): AnyRoute[] {
  const r = new Router();
  coreRoutes(r, cfg);
  authRoutes(r, cfg);
  ledgerRoutes(r);
  excelRoutes(r, cfg);
  attachmentRoutes(r);
  figureRoutes(r);
  calendarRoutes(r);
  drawRoutes(r);
  lawRoutes(r);
  coverageRoutes(r);
  reportRoutes(r);
  channelRoutes(r, cfg);
  todoRoutes(r, cfg);
  notificationRoutes(r);
  reminderRoutes(r);
  return r.routes;
}
