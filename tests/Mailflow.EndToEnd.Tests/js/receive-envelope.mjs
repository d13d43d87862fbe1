// Receives one envelope with the stock @aws-sdk/client-sqs, as a Node app would, and prints what it saw.
// Usage: node receive-envelope.mjs ENDPOINT QUEUE_URL
import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from "@aws-sdk/client-sqs";

const [endpoint, queueUrl] = process.argv.slice(2);
const client = new SQSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
const deadline = Date.now() + 20_000;
while (Date.now() < deadline) {
  const { Messages } = await client.send(new ReceiveMessageCommand({
    QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 2, MessageAttributeNames: ["All"],
  }));
  if (Messages?.length) {
    const message = Messages[0];
    await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    const envelope = JSON.parse(message.Body);
    console.log(JSON.stringify({ subject: envelope.subject, schemaAttribute: message.MessageAttributes?.["mailflow-schema"]?.StringValue }));
    process.exit(0);
  }
}
console.error("no message within 20 s");
process.exit(1);
