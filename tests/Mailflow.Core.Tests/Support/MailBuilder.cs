namespace Mailflow.Core.Tests.Support;

/// <summary>Small hand-written messages for unit tests; real-world mail lives in tests/fixtures/mail.</summary>
public static class MailBuilder
{
    public static string Simple(string from = "Ann <ann@sender.example>", string to = "_app1@example.com",
        string subject = "Hello", string body = "Hi there", string messageId = "<m1@sender.example>") =>
        $"""
        From: {from}
        To: {to}
        Subject: {subject}
        Date: Fri, 01 Mar 2024 10:15:00 +0100
        Message-ID: {messageId}
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {body}

        """;

    /// <summary>A plain mail from Ann to app1 with extra header lines such as <c>References: &lt;a@b&gt;</c> or <c>Precedence: bulk</c>.</summary>
    public static string WithHeaders(string messageId, params string[] headers) =>
        $"""
        From: Ann <ann@sender.example>
        To: _app1@example.com
        Subject: Re: Your order
        Date: Fri, 01 Mar 2024 10:15:00 +0100
        Message-ID: {messageId}{string.Concat(headers.Select(header => "\n" + header))}
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Thanks!

        """;

    /// <summary>A multipart/mixed mail with one base64 attachment of the given bytes.</summary>
    public static string WithAttachment(string filename, string contentType, byte[] content, string messageId = "<m2@sender.example>") =>
        $"""
        From: Ann <ann@sender.example>
        To: _app1@example.com
        Subject: With attachment
        Message-ID: {messageId}
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b-outer"

        --b-outer
        Content-Type: text/plain; charset=utf-8

        See attached.
        --b-outer
        Content-Type: {contentType}; name="{filename}"
        Content-Disposition: attachment; filename="{filename}"
        Content-Transfer-Encoding: base64

        {Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks)}
        --b-outer--

        """;
}
