namespace Mailflow.Lambda.Tests.AspNetCore;

internal sealed record Health(string Status);
