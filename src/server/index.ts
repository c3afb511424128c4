// The HTTP face of the factory: the API (for now the ODS reads: search, one customer, stats, runs) and the screens.
export { createApp } from './app.ts';
export { serveFactory, type RunningServer } from './serve-factory.ts';
