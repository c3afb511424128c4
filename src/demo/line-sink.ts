// Streaming output: rows gathered into ~64 KB chunks before each write, and the writer waits for the
// disk ('drain') whenever the stream says it is full, so memory stays flat at any size. Rows are copied
// into the chunk's bytes at once — or built there byte by byte for the tens of millions of billing and
// web rows — so short-lived strings die young and the garbage collector stays cheap.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const chunkSize = 64 * 1024;
/** Room past chunkSize for the row being built; rows built byte by byte stay well under it. */
const chunkRoom = chunkSize + 16 * 1024;
const newline = 10;
const zero = 48;

/** A field's text as bytes, encoded once for rows that repeat it millions of times. */
export function asciiBytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

export class LineSink {
  /** Data rows written (the header not counted). */
  rows = 0;
  private chunk = Buffer.allocUnsafe(chunkRoom);
  private used = 0;
  private readonly stream: WriteStream;
  private draining: Promise<void> | null = null;

  constructor(readonly path: string, header?: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1024 * 1024 });
    if (header !== undefined) {
      this.used = this.chunk.write(header, 0, 'utf8');
      this.chunk[this.used++] = newline;
    }
  }

  /** Adds a row given as text (any Unicode). */
  add(line: string): void {
    const most = line.length * 3 + 1;
    if (this.used + most > this.chunk.length) {
      if (this.used > 0) this.flushChunk();
      if (most > this.chunk.length) this.chunk = Buffer.allocUnsafe(most);
    }
    this.used += this.chunk.write(line, this.used, 'utf8');
    this.endRow();
  }

  /** Adds a row already encoded, bytes[start, end). */
  addBytes(bytes: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.used + length + 1 > this.chunk.length) {
      if (this.used > 0) this.flushChunk();
      if (length + 1 > this.chunk.length) this.chunk = Buffer.allocUnsafe(length + 1);
    }
    bytes.copy(this.chunk, this.used, start, end);
    this.used += length;
    this.endRow();
  }

  // Building a row in place: put… calls, then endRow(). ASCII only; a built row must stay under 16 KB.

  putAscii(text: string): this {
    const chunk = this.chunk;
    let at = this.used;
    for (let i = 0; i < text.length; i++) chunk[at++] = text.charCodeAt(i);
    this.used = at;
    return this;
  }

  putByte(code: number): this {
    this.chunk[this.used++] = code;
    return this;
  }

  /** Copies bytes[start, end); a plain loop beats a native copy for the few bytes of a field. */
  putBytes(bytes: Uint8Array, start = 0, end = bytes.length): this {
    const chunk = this.chunk;
    let at = this.used;
    for (let i = start; i < end; i++) chunk[at++] = bytes[i]!;
    this.used = at;
    return this;
  }

  /** A whole number, zero-padded to at least `width` digits. */
  putDigits(value: number, width = 1): this {
    if (value >= 2 ** 31) return this.putAscii(String(value).padStart(width, '0'));
    let length = 1;
    for (let v = value; v >= 10; v = (v / 10) | 0) length++;
    if (length < width) length = width;
    const chunk = this.chunk;
    let at = this.used + length - 1;
    let v = value | 0;
    for (let i = 0; i < length; i++) {
      const next = (v / 10) | 0;
      chunk[at--] = zero + v - next * 10;
      v = next;
    }
    this.used += length;
    return this;
  }

  /** A whole number below 2^31 in exactly `width` digits, zero-padded (the caller knows it fits). */
  putFixedDigits(value: number, width: number): this {
    const chunk = this.chunk;
    let v = value | 0;
    for (let at = this.used + width - 1; at >= this.used; at--) {
      const next = (v / 10) | 0;
      chunk[at] = zero + v - next * 10;
      v = next;
    }
    this.used += width;
    return this;
  }

  /** Cents as '45.00'. */
  putMoney(cents: number): this {
    const whole = Math.floor(cents / 100);
    return this.putDigits(whole).putByte(46).putFixedDigits(cents - whole * 100, 2);
  }

  endRow(): void {
    this.chunk[this.used++] = newline;
    this.rows++;
    if (this.used >= chunkSize) this.flushChunk();
  }

  /** True while the stream holds more than it wants; callers should await ready(). */
  get full(): boolean {
    return this.draining !== null;
  }

  async ready(): Promise<void> {
    if (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    if (this.used > 0) this.flushChunk();
    await this.ready();
    this.stream.end();
    await once(this.stream, 'close');
  }

  private flushChunk(): void {
    // the stream keeps a written chunk until it reaches the disk, so later rows go to a fresh one
    const accepted = this.stream.write(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(chunkRoom);
    this.used = 0;
    if (!accepted && !this.draining) {
      this.draining = once(this.stream, 'drain').then(() => {
        this.draining = null;
      });
    }
  }
}

/** Waits for every sink that is full. Cheap when none is, so it can be called often. */
export async function settle(sinks: readonly LineSink[]): Promise<void> {
  for (const sink of sinks) if (sink.full) await sink.ready();
}

const windowRows = 32_768; // a power of two: a row's place in the window rides in the low bits of its sort value

/**
 * Writes rows in key order within windows of some thirty thousand, the way a system's extract lists
 * records by key — so a file's row order does not give away which records were made together. The
 * window is held as bytes, not strings, so it costs the garbage collector nothing.
 */
export class KeyOrderedSink {
  private bytes = Buffer.allocUnsafe(4 * 1024 * 1024);
  private used = 0;
  private count = 0;
  private readonly starts = new Int32Array(windowRows + 1);
  private readonly order = new Float64Array(windowRows);

  constructor(readonly sink: LineSink) {}

  /** key must end in digits (S00012345, LD-A-001819); rows are ordered by that number. */
  add(key: string, line: string): void {
    if (this.used + line.length * 3 > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + line.length * 3));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.starts[this.count] = this.used;
    this.order[this.count] = trailingNumber(key) * windowRows + this.count;
    this.used += this.bytes.write(line, this.used, 'utf8');
    this.count++;
    if (this.count === windowRows) this.flush();
  }

  flush(): void {
    this.starts[this.count] = this.used;
    const order = this.order.subarray(0, this.count).sort();
    for (const value of order) {
      const i = value % windowRows;
      this.sink.addBytes(this.bytes, this.starts[i]!, this.starts[i + 1]!);
    }
    this.used = 0;
    this.count = 0;
  }

  async close(): Promise<void> {
    this.flush();
    await this.sink.close();
  }
}

function trailingNumber(key: string): number {
  let value = 0;
  let scale = 1;
  for (let i = key.length - 1; i >= 0; i--) {
    const code = key.charCodeAt(i);
    if (code < 48 || code > 57) break;
    value += (code - 48) * scale;
    scale *= 10;
  }
  return value;
}
