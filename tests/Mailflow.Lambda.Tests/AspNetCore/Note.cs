namespace Mailflow.Lambda.Tests.AspNetCore;

internal sealed record Note(string Text, int Priority);
