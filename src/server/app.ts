// The central server's HTTP application. Stateless: every piece of state is in PostgreSQL, so any
// number of instances can serve one database.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Role } from '../shared/sync/auth';
import { agentRoutes } from './agents/routes';
import { appealChangeRoutes } from './appeals/changeRoutes';
import { appealRoutes } from './appeals/routes';
import { accessGuard, authenticate } from './auth/authenticate';
import { authRoutes } from './auth/routes';
import { loadTokenSecret } from './auth/tokens';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import type { Pool } from './db/pool';
import { errorHandler, forbidden, HttpError, notFoundHandler } from './errors';
import { executorRoutes } from './executors/routes';
import { createDetectorLoop } from './incidents/detector';
import { incidentRoutes } from './incidents/routes';
import { useBoundedJson } from './jsonBody';
import { loggerOptions } from './logging';
import { createMetrics, type ServerMetrics } from './metrics';
import { createLiveHub } from './live/hub';
import { metricsRoutes } from './metrics/routes';
import { openApiDocument } from './openapi';
import { pbxGuard } from './pbx/guard';
import { loadOrCreatePbxToken } from './pbx/pbxToken';
import { pbxRoutes } from './pbx/routes';
import { queueRoutes } from './queue/routes';
import { createQueueService } from './queue/service';
import { findRoute } from './routes/routeTable';
import { syncRoutes } from './sync/routes';
import { appealPolicy } from './sync/serverOwned';
import { workListRoutes } from './worklists/routes';

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
    // request.ip from X-Forwarded-For only when it was set by a configured proxy (TRUST_PROXY).
    trustProxy: config.trustProxy,
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
  let pbxToken: Promise<string> | null = null;
  const loadPbxToken = () => {
    if (config.pbxToken) return Promise.resolve(config.pbxToken);
    pbxToken ??= loadOrCreatePbxToken(config.pbxTokenFile).catch((error: unknown) => {
      pbxToken = null;
      throw error;
    });
    return pbxToken;
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
      const guard =
        spec.access === 'pbx'
          ? pbxGuard(loadPbxToken)
          : accessGuard(pool, ctx.tokenSecret, spec, config.metricsToken);
      route.onRequest = [guard, ...existing];
      if (spec.bodyLimit !== undefined) route.bodyLimit = spec.bodyLimit;
    }
  });
  useBoundedJson(app);

  // Once closing, answers end their connection: a keep-alive connection whose request was in
  // flight when the server began closing would otherwise hold server.close() for keepAliveTimeout.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (draining) void reply.header('connection', 'close');
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
  appealChangeRoutes(app, ctx);
  workListRoutes(app, ctx);
  executorRoutes(app, ctx);
  agentRoutes(app, ctx);
  metricsRoutes(app, ctx);
  incidentRoutes(app, ctx);
  const incidents = createDetectorLoop(pool, config.incidents, (message) => app.log.warn(message));
  const queue = createQueueService({ ctx, pbxToken: loadPbxToken, log: (message) => app.log.warn(message) });
  pbxRoutes(app, ctx, queue);
  queueRoutes(app, queue);
  void app.register(syncRoutes, {
    pool,
    centerCode: config.centerCode,
    policy: appealPolicy(config.appeals),
    secret: ctx.tokenSecret,
  });

  // The live WebSocket shares the HTTP listener; it starts with the app and closes before it.
  const live = createLiveHub({
    ctx,
    queue,
    connection: pool.options,
    log: (message) => app.log.warn(message),
  });
  app.server.on('upgrade', live.handleUpgrade);
  app.addHook('onReady', async () => {
    // With a PBX configured the token file exists from the start, for the PBX's scripts to read.
    if (config.sip.wsUri) await loadPbxToken();
    await live.start();
    queue.start();
    incidents.start();
  });
  app.addHook('preClose', async () => {
    await live.close();
    await queue.stop();
    await incidents.stop();
  });
  return app;
}
