// Query results as files to download: the format a request asks for (?format=csv|parquet; JSON unless), and the
// response that streams the file and removes it once sent. POST /api/sql and POST /api/olap both answer this way.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { z } from 'zod';
import type { FileFormat, ResultFile } from '../marts/index.ts';
import { parseOr422 } from './front-line-validation.ts';

const formats = ['json', 'csv', 'parquet'] as const;
const formatQuery = z.object({ format: z.enum(formats, { error: `must be one of ${formats.join(', ')}` }).default('json') });

/** The format asked for in ?format= (json by default); anything else is a 422 naming format. */
export function askedFormat(c: Context): (typeof formats)[number] {
  return parseOr422(formatQuery, c.req.query()).format;
}

const contentTypes: Record<FileFormat, string> = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' };

/** The file as an attachment named `name` (the extension is added), with its row count and whether it was cut at the limit. */
export function fileDownload(c: Context, file: ResultFile, format: FileFormat, name: string): Response {
  const stream = createReadStream(file.path);
  // Sent or abandoned, the file goes.
  stream.once('close', file.remove);
  return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
    'content-type': contentTypes[format],
    'content-disposition': `attachment; filename="${name}.${format}"`,
    'x-row-count': String(file.rows),
    'x-truncated': String(file.truncated),
  });
}
