using Mailflow.ApiFunction;
using Mailflow.Lambda.Runtime;

return await LambdaHost.RunAsync(ApiFunction.InitAsync);
