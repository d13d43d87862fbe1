using Mailflow.Api;
using Mailflow.Lambda.Runtime;

return await LambdaHost.RunAsync(ApiFunction.InitAsync);
