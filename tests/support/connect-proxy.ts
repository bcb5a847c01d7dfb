import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** Every host:port the browser asked for that is not a call site (refused, never reached). */
  refused: string[];
  close(): Promise<void>;
}

/**
 * Firefox's stand-in for Chromium's --host-resolver-rules: an HTTP proxy on loopback that tunnels
 * every CONNECT to one of `hosts` on port 443 to the fixture server on `targetPort`, and refuses
 * everything else, so the browser reaches the look-alike call pages at their real names and nothing
 * outside this machine.
 */
export async function startConnectProxy(targetPort: number, hosts: readonly string[]): Promise<ConnectProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [method, target] = head.slice(0, head.indexOf('\r\n')).split(' ');
      const [host, port] = (target ?? '').split(':');
      if (method !== 'CONNECT' || port !== '443' || !hosts.includes(host ?? '')) {
        refused.push(`${method} ${target}`);
        client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
