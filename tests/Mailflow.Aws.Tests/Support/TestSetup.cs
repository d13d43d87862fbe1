using System.Runtime.CompilerServices;
using Mailflow.Core.Mail;

namespace Mailflow.Aws.Tests.Support;

/// <summary>Test-assembly setup, run before any test touches MimeKit (DESIGN.md §4: code pages for legacy charsets).</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void RegisterEncodings() => MailEncodings.Register();
}
