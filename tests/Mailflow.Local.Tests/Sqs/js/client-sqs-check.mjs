// Drives Mailflow's SQS endpoint with @aws-sdk/client-sqs (the AWS SDK for JavaScript v3) as a Node application would.
// Usage: node client-sqs-check.mjs <endpoint> <queue-name> <dead-letter-queue-name>
// Prints one JSON line per check; exits 1 on the first failed check. The SDK verifies MD5OfMessageBody itself; this
// script also recomputes MD5OfMessageAttributes with SQS's algorithm, which this SDK version does not check.
import { createHash } from "node:crypto";
import {
  SQSClient, ListQueuesCommand, GetQueueUrlCommand, GetQueueAttributesCommand, SendMessageCommand,
  SendMessageBatchCommand, ReceiveMessageCommand, DeleteMessageCommand, DeleteMessageBatchCommand,
  ListDeadLetterSourceQueuesCommand, QueueDoesNotExist, ReceiptHandleIsInvalid,
} from "@aws-sdk/client-sqs";

const [endpoint, queueName, deadLetterName] = process.argv.slice(2);
const sqs = new SQSClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "x", secretAccessKey: "x" },
  maxAttempts: 1,
});

function check(name, condition, detail) {
  process.stdout.write(JSON.stringify({ check: name, ok: Boolean(condition), detail }) + "\n");
  if (!condition) process.exit(1);
}

async function failure(promise) {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

// SQS's digest of message attributes: sorted names; length-prefixed name and type; 1 + string or 2 + bytes.
function md5OfAttributes(attributes) {
  const chunks = [];
  const block = (bytes) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    chunks.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const { DataType, StringValue, BinaryValue } = attributes[name];
    block(Buffer.from(name, "utf8"));
    block(Buffer.from(DataType, "utf8"));
    if (DataType.startsWith("Binary")) {
      chunks.push(Buffer.from([2]));
      block(Buffer.from(BinaryValue));
    } else {
      chunks.push(Buffer.from([1]));
      block(Buffer.from(StringValue, "utf8"));
    }
  }
  return createHash("md5").update(Buffer.concat(chunks)).digest("hex");
}

const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: queueName }));
const { QueueUrl: queueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
check("ListQueues and GetQueueUrl agree", listed.QueueUrls?.length === 1 && listed.QueueUrls[0] === queueUrl, { listed: listed.QueueUrls, queueUrl });

const attributes = {
  kind: { DataType: "String", StringValue: "invoice ✓" },
  attempt: { DataType: "Number", StringValue: "2" },
  signature: { DataType: "Binary", BinaryValue: new Uint8Array([0, 7, 128, 255]) },
};
const body = "{\"subject\":\"Grüße 📨\"}";
const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes }));
check("SendMessage digests the attributes as SQS does", sent.MD5OfMessageAttributes === md5OfAttributes(attributes), sent);

const received = await sqs.send(new ReceiveMessageCommand({
  QueueUrl: queueUrl,
  WaitTimeSeconds: 1,
  MessageAttributeNames: ["All"],
  MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
}));
const message = received.Messages?.[0];
check("ReceiveMessage returns the message as sent", message?.MessageId === sent.MessageId && message?.Body === body, message);
check("binary attributes come back as bytes",
  Buffer.from(message.MessageAttributes.signature.BinaryValue).equals(Buffer.from(attributes.signature.BinaryValue)),
  message.MessageAttributes.signature);
check("received attribute digest verifies", message.MD5OfMessageAttributes === md5OfAttributes(message.MessageAttributes), message.MD5OfMessageAttributes);
check("system attributes as requested", message.Attributes?.ApproximateReceiveCount === "1" && /^\d{13}$/.test(message.Attributes?.SentTimestamp ?? ""), message.Attributes);
await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));

const batch = await sqs.send(new SendMessageBatchCommand({
  QueueUrl: queueUrl,
  Entries: [
    { Id: "one", MessageBody: "first" },
    { Id: "bad", MessageBody: "nul \u0000 is not allowed" },
  ],
}));
check("SendMessageBatch fails the bad entry only",
  batch.Successful?.length === 1 && batch.Failed?.length === 1 && batch.Failed[0].Id === "bad" && batch.Failed[0].Code === "InvalidMessageContents" && batch.Failed[0].SenderFault === true,
  batch);
const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
const deleted = await sqs.send(new DeleteMessageBatchCommand({
  QueueUrl: queueUrl,
  Entries: [{ Id: "a", ReceiptHandle: again.Messages[0].ReceiptHandle }, { Id: "b", ReceiptHandle: "not-a-receipt-handle" }],
}));
check("DeleteMessageBatch fails the invalid handle only",
  deleted.Successful?.length === 1 && deleted.Failed?.[0]?.Code === "ReceiptHandleIsInvalid", deleted);

const missing = await failure(sqs.send(new GetQueueUrlCommand({ QueueName: `${queueName}-missing` })));
check("an unknown queue is QueueDoesNotExist", missing instanceof QueueDoesNotExist && missing.name === "QueueDoesNotExist" && missing.$metadata.httpStatusCode === 400,
  { name: missing?.name, status: missing?.$metadata?.httpStatusCode, message: missing?.message });
const invalid = await failure(sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: "not-a-receipt-handle" })));
check("an invalid receipt handle is ReceiptHandleIsInvalid", invalid instanceof ReceiptHandleIsInvalid, { name: invalid?.name, message: invalid?.message });

const { QueueUrl: deadLetterUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: deadLetterName }));
const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: deadLetterUrl }));
const redrive = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["RedrivePolicy", "QueueArn"] }));
const policy = JSON.parse(redrive.Attributes.RedrivePolicy);
check("ListDeadLetterSourceQueues names the source (camelCase queueUrls on the wire)", sources.queueUrls?.length === 1 && sources.queueUrls[0] === queueUrl, sources);
check("RedrivePolicy names the dead-letter queue's ARN", policy.deadLetterTargetArn.endsWith(`:000000000000:${deadLetterName}`) && policy.maxReceiveCount === 3, policy);
