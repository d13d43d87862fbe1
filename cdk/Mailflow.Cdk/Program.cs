using Amazon.CDK;
using Mailflow.Cdk;
using Mailflow.Cdk.Settings;

// The CDK CLI runs this from the repository root (cdk.json); `make synth` runs it directly, without the CLI.
try
{
    var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
    var app = new App(new AppProps { Context = CdkJsonContext.Load(root) });
    MailflowApp.AddStacks(app, root, () => LambdaBundles.InRepository(root));
    app.Synth();
    return 0;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"mailflow cdk: {e.Message}");
    return 1;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"mailflow cdk: {e.Message}");
    return 1;
}
