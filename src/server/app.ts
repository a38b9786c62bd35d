// The central server's HTTP application. Stateless: every piece of state is in PostgreSQL, so any
// number of instances can serve one database.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Role } from '../shared/sync/auth';
import { appealRoutes } from './appeals/routes';
import { accessGuard, authenticate } from './auth/authenticate';
import { authRoutes } from './auth/routes';
import { loadTokenSecret } from './auth/tokens';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import type { Pool } from './db/pool';
import { errorHandler, forbidden, HttpError, notFoundHandler } from './errors';
import { loggerOptions } from './logging';
import { createMetrics, type ServerMetrics } from './metrics';
import { openApiDocument } from './openapi';
import { findRoute } from './routes/routeTable';
import { syncRoutes } from './sync/routes';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ServerMetrics;
  }
}

export interface BuildServerOptions {
  pool: Pool;
  config: ServerConfig;
  /** A pino logger, `false` for none; default: pino at LOG_LEVEL with redaction. */
  logger?: FastifyBaseLogger | false;
  /** Also export process metrics (CPU, memory); off in tests that run several instances. */
  processMetrics?: boolean;
}

export function buildServer({
  pool,
  config,
  logger,
  processMetrics = false,
}: BuildServerOptions): FastifyInstance {
  const common = {
    bodyLimit: config.bodyLimitBytes,
    exposeHeadRoutes: false,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
  };
  const app: FastifyInstance =
    logger === undefined
      ? Fastify({ ...common, logger: loggerOptions() })
      : logger === false
        ? Fastify({ ...common, logger: false })
        : (Fastify({ ...common, loggerInstance: logger }) as unknown as FastifyInstance);

  let secret: Promise<string> | null = null;
  const ctx: AppContext = {
    pool,
    config,
    tokenSecret: () => {
      if (config.tokenSecret) return Promise.resolve(config.tokenSecret);
      secret ??= loadTokenSecret(pool).catch((error: unknown) => {
        secret = null;
        throw error;
      });
      return secret;
    },
  };
  const metrics = createMetrics(processMetrics);

  app.decorate('metrics', metrics);
  app.decorateRequest('user', null as never);
  app.decorateRequest('auth', null);
  app.decorate('requireRoles', (...roles: Role[]) => async (request: FastifyRequest) => {
    const user = await authenticate(pool, await ctx.tokenSecret(), request);
    if (!roles.includes(user.role)) throw forbidden();
  });

  // Every route must be in the route table; its access rule is attached here, before the body is
  // read, so an anonymous or wrong-role caller learns nothing about the body's validity.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const spec = findRoute(method, route.url);
      if (!spec) throw new Error(`Route ${method} ${route.url} is not in src/server/routes/routeTable.ts`);
      const existing = route.onRequest
        ? Array.isArray(route.onRequest)
          ? route.onRequest
          : [route.onRequest]
        : [];
      route.onRequest = [accessGuard(pool, ctx.tokenSecret, spec, config.metricsToken), ...existing];
    }
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  app.get('/healthz', async () => {
    try {
      await pool.query('SELECT 1');
    } catch {
      throw new HttpError(503, 'unavailable', 'The database does not answer');
    }
    return { status: 'ok', db: 'ok' };
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  const openapi = openApiDocument();
  app.get('/api/v1/openapi.json', async () => openapi);

  authRoutes(app, ctx);
  appealRoutes(app, ctx);
  void app.register(syncRoutes, { pool, centerCode: config.centerCode });
  return app;
}
