namespace Mailflow.Lambda.Tests.AspNetCore;

/// <summary>What the test app saw of a request.</summary>
internal sealed record Echo(
    string Method,
    string Scheme,
    string Host,
    string Protocol,
    string PathBase,
    string Path,
    string QueryString,
    string? Q,
    string? Custom,
    string? Session,
    string? Theme,
    string TraceIdentifier,
    string? RemoteIp,
    string? ContentLength);
