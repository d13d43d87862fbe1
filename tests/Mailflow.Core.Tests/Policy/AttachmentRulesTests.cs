using System.Text;
using Mailflow.Core.Configuration;
using Mailflow.Core.Mail;
using Mailflow.Core.Policy;
using MimeKit;

namespace Mailflow.Core.Tests.Policy;

public class AttachmentRulesTests
{
    private static readonly byte[] s_pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n");
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static AttachmentFacts Facts(string? filename, string contentType, byte[] prefix, long size = 100, int index = 0) =>
        new(index, new MimePart(), filename, contentType, null, false, size, "00", prefix);

    [Theory]
    [InlineData("report.pdf", "application/pdf")]
    [InlineData("REPORT.PDF", "application/octet-stream")]
    [InlineData(null, "application/pdf")]
    public void Evaluate_PdfWithPdfSignature_IsAllowed(string? filename, string contentType)
    {
        Assert.True(AttachmentRules.Evaluate(Facts(filename, contentType, s_pdf), EffectiveLimits.Defaults).Allowed);
    }

    [Theory]
    [InlineData("report.pdf", "application/pdf", "type-mismatch")]
    [InlineData("photo.png", "image/png", "type-mismatch")]
    [InlineData("setup.exe", "application/octet-stream", "blocked-extension")]
    [InlineData("Setup.EXE", "application/octet-stream", "blocked-extension")]
    [InlineData("script.js", "text/javascript", "blocked-extension")]
    public void Evaluate_BadAttachment_IsBlockedWithReason(string filename, string contentType, string reason)
    {
        var verdict = AttachmentRules.Evaluate(Facts(filename, contentType, Encoding.ASCII.GetBytes("hello wo")), EffectiveLimits.Defaults);

        Assert.False(verdict.Allowed);
        Assert.Equal(reason, verdict.ReasonCode);
    }

    [Fact]
    public void Evaluate_WindowsExecutableUnderAnyName_IsBlocked()
    {
        var verdict = AttachmentRules.Evaluate(Facts("invoice.txt", "text/plain", "MZ\x90\0\x03\0\0\0"u8.ToArray()), EffectiveLimits.Defaults);

        Assert.Equal(ReasonCodes.ExecutableContent, verdict.ReasonCode);
    }

    [Fact]
    public void Evaluate_PngDeclaredAsPng_IsAllowedAndUnknownTypesAreNotSniffed()
    {
        Assert.True(AttachmentRules.Evaluate(Facts("a.png", "image/png", s_png), EffectiveLimits.Defaults).Allowed);
        Assert.True(AttachmentRules.Evaluate(Facts("notes.csv", "text/csv", "a,b,c\n1,"u8.ToArray()), EffectiveLimits.Defaults).Allowed);
    }

    [Fact]
    public void Evaluate_SizeAndCountLimits_AreEnforced()
    {
        var limits = EffectiveLimits.Defaults.With(new LimitsConfig { MaxAttachments = 2, MaxAttachmentBytes = 1000 });

        Assert.Equal(ReasonCodes.TooLarge, AttachmentRules.Evaluate(Facts("a.pdf", "application/pdf", s_pdf, size: 1001), limits).ReasonCode);
        Assert.True(AttachmentRules.Evaluate(Facts("a.pdf", "application/pdf", s_pdf, size: 1000, index: 1), limits).Allowed);
        Assert.Equal(ReasonCodes.TooManyAttachments, AttachmentRules.Evaluate(Facts("a.pdf", "application/pdf", s_pdf, index: 2), limits).ReasonCode);
    }

    [Fact]
    public void Evaluate_ConfiguredBlockedExtensions_ReplaceTheDefaults()
    {
        var limits = EffectiveLimits.Defaults.With(new LimitsConfig { BlockedExtensions = [".docm"] });

        Assert.Equal(ReasonCodes.BlockedExtension, AttachmentRules.Evaluate(Facts("macro.docm", "application/octet-stream", s_pdf), limits).ReasonCode);
        Assert.True(AttachmentRules.Evaluate(Facts("tool.bat", "application/octet-stream", "echo hi "u8.ToArray()), limits).Allowed);
    }
}
