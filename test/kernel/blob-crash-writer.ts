// Child process for the blob store crash test: starts a put into a filesystem store from a stream that never ends,
// prints "writing" once bytes have reached the temp file, and waits to be killed with SIGKILL.
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../src/server/kernel/blob-store/index.js';

const store = new FsBlobStore(process.argv[2]);
let sent = 0;
const body = new Readable({
  read() {
    sent += 1;
    if (sent === 8) setTimeout(() => process.stdout.write('writing\n'), 200);
    if (sent < 8) this.push(Buffer.alloc(64 * 1024, sent));
  },
});
void store.put(body, { contentType: 'application/pdf' });
setInterval(() => {}, 1000);
