using Mailflow.Lambda.Runtime;
using Mailflow.Worker;

return await LambdaHost.RunAsync(WorkerFunction.InitAsync);
