namespace Mailflow.Testing.Lambda;

/// <summary>What the function posted to the Runtime API harness.</summary>
public enum HarnessResultKind
{
    /// <summary>POST /runtime/invocation/{id}/response.</summary>
    Response,

    /// <summary>POST /runtime/invocation/{id}/error, or a response the harness refused as Lambda would (over 6 MB).</summary>
    Error,

    /// <summary>POST /runtime/init/error; Lambda answers the pending invocation with it.</summary>
    InitError,
}
