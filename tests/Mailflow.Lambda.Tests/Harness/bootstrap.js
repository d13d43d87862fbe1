// A custom runtime in a few lines of Node, standing in for a built bundle so the harness's process path
// (start, environment, next/response/init error, output, exit) is tested without building one.
// The runtime loop follows https://docs.aws.amazon.com/lambda/latest/dg/runtimes-walkthrough.html.
'use strict';
const http = require('node:http');

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const [host, port] = api.split(':');

function call(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path: `/2018-06-01/runtime/${path}`, headers }, response => {
      const chunks = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function main() {
  console.log(`bootstrap started in ${process.cwd()}`);
  if (process.env.FAIL_INIT) {
    const error = JSON.stringify({ errorMessage: 'MAILFLOW_CONFIG is not set.', errorType: 'ConfigError', stackTrace: [] });
    await call('POST', 'init/error', error, { 'Lambda-Runtime-Function-Error-Type': 'ConfigError' });
    console.error('init failed');
    process.exit(3);
  }
  for (;;) {
    const next = await call('GET', 'invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const event = JSON.parse(next.body.toString());
    if (event.exit) {
      console.error(`exiting with ${event.exit} as asked`);
      process.exit(event.exit);
    }
    const environment = {};
    for (const name of ['MAILFLOW_TEST', 'AWS_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'LAMBDA_TASK_ROOT', 'TZ', 'HOME']) {
      environment[name] = process.env[name] ?? null;
    }
    await call('POST', `invocation/${id}/response`, JSON.stringify({ echo: event, environment, cwd: process.cwd() }));
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
