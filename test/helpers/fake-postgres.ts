import net from 'node:net';

/** The fake server's reply to a client's startup message. */
export type FakeAuth =
  | { kind: 'cleartext-password' }
  | { kind: 'sasl' }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'ok-then-drop'; dropAfterMs: number };

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'ascii');
  header.writeInt32BE(body.length + 4, 1);

  return Buffer.concat([header, body]);
}

function int32(...values: number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeInt32BE(value, index * 4));

  return buffer;
}

function errorResponse(code: string, text: string): Buffer {
  const fields = [`SFATAL`, `VFATAL`, `C${code}`, `M${text}`]
    .map((field) => `${field}\0`)
    .join('');

  return message('E', Buffer.from(`${fields}\0`, 'utf8'));
}

/**
 * Replies to the client's second message. A real server rejects the empty password that pg sends
 * for a cleartext request when it has none. For SCRAM, pg fails on its own once the server's
 * first challenge arrives, which is the case worth testing.
 */
function answerCredentials(socket: net.Socket, auth: FakeAuth, data: Buffer): void {
  if (auth.kind === 'cleartext-password') {
    socket.end(errorResponse('28P01', 'password authentication failed for user "mate"'));
  } else if (auth.kind === 'sasl') {
    const clientNonce = /r=([^,\0]+)/.exec(data.toString('latin1'))?.[1] ?? '';
    const challenge = `r=${clientNonce}server,s=QSXCR+Q6sek8bf92,i=4096`;
    socket.write(message('R', Buffer.concat([int32(11), Buffer.from(challenge)])));
  }
}

/**
 * Starts a TCP server that speaks just enough of the Postgres wire protocol to reply to a
 * startup message with a chosen authentication request or error. It lets tests see how the bot reports
 * password and authentication failures without reconfiguring a real server.
 */
export async function startFakePostgres(
  auth: FakeAuth,
): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let replied = false;
    socket.on('data', (data) => {
      if (replied) {
        answerCredentials(socket, auth, data);

        return;
      }
      replied = true;
      switch (auth.kind) {
        case 'cleartext-password':
          socket.write(message('R', int32(3)));
          break;
        case 'sasl':
          socket.write(message('R', Buffer.concat([int32(10), Buffer.from('SCRAM-SHA-256\0\0')])));
          break;
        case 'error':
          socket.end(errorResponse(auth.code, auth.message));
          break;
        case 'ok-then-drop':
          socket.write(
            Buffer.concat([
              message('R', int32(0)),
              message('K', int32(1234, 5678)),
              message('Z', Buffer.from('I')),
            ]),
          );
          setTimeout(() => socket.destroy(), auth.dropAfterMs);
          break;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `postgres://mate@127.0.0.1:${port}/mate`,
    async stop() {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns a loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return port;
}
