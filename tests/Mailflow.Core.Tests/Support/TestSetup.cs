using System.Runtime.CompilerServices;
using Mailflow.Core.Mail;

namespace Mailflow.Core.Tests.Support;

/// <summary>Test-assembly setup, run before any test touches MimeKit.</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void RegisterEncodings() => MailEncodings.Register();
}
