// Starts fauxqs 2.4.1 (SQS and S3 emulator) for the tests (FauxqsServer.cs) on a free port and prints {"port":N} on one line.
// fauxqs listens on every interface whatever it is asked; the tests only ever address it as 127.0.0.1.
// It stops when its standard input closes, so it cannot outlive the test process that started it.
import { startFauxqs } from "fauxqs";

const server = await startFauxqs({ port: 0, logger: false });
process.stdout.write(JSON.stringify({ port: server.port }) + "\n");

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.on("SIGTERM", stop);
process.stdin.resume();
