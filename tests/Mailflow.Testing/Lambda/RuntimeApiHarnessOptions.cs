namespace Mailflow.Testing.Lambda;

/// <summary>How the harness plays Lambda. The defaults suit tests on a shared machine.</summary>
public sealed class RuntimeApiHarnessOptions
{
    /// <summary>Sent as Lambda-Runtime-Invoked-Function-Arn; its region and name also fill AWS_REGION and AWS_LAMBDA_FUNCTION_NAME.</summary>
    public string FunctionArn { get; set; } = "arn:aws:lambda:eu-west-1:123456789012:function:mailflow-test";

    /// <summary>
    /// How long an invocation may wait for the function to ask for it (its init). Lambda allows 10 s; the harness
    /// allows more because test machines are shared. Assert <see cref="RuntimeApiHarness.InitDuration"/> for the real limit.
    /// </summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after its deadline a result is still accepted (a handler cancelled at the deadline needs a moment to post).</summary>
    public TimeSpan ResultGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>AWS_LAMBDA_FUNCTION_MEMORY_SIZE, for code that sizes itself by it.</summary>
    public int MemorySizeMb { get; set; } = 512;

    /// <summary>
    /// False (the default) starts the process with Lambda's environment only, so a bundle that works here does not
    /// depend on the test runner's variables. True passes the runner's environment through too.
    /// </summary>
    public bool InheritEnvironment { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
