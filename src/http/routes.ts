/** Every route of the application, in one table. Modules add their route functions here. */
import { type Config, loadConfig } from '../config.ts';
import { figureRoutes } from '../figures/figure.routes.ts';
import { ledgerRoutes } from '../ledger/ledger.routes.ts';
import '../modules/index.ts';
import { coreRoutes } from './core.routes.ts';
import { type AnyRoute, Router } from './router.ts';

export function allRoutes(cfg: Config = loadConfig()): AnyRoute[] {
  const r = new Router();
  coreRoutes(r, cfg);
  ledgerRoutes(r);
  figureRoutes(r);
  return r.routes;
}
