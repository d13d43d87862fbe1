using System.CommandLine;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow send [--smtp HOST:PORT] --from A --to B [--cc C] [--subject S] [--text T] [--html H] [--attach FILE]...</c>:
/// composes a mail with MimeKit and sends it over plain SMTP (local mode listens on 127.0.0.1 without TLS).
/// </summary>
public static class SendCommand
{
    public static Command Create()
    {
        var smtp = new Option<string>("--smtp") { Description = "SMTP server to send to.", HelpName = "HOST:PORT", DefaultValueFactory = _ => "127.0.0.1:2525" };
        var from = new Option<string>("--from") { Description = "Sender address (From and MAIL FROM).", Required = true };
        var to = new Option<string[]>("--to") { Description = "Recipient (repeatable).", Required = true, AllowMultipleArgumentsPerToken = false };
        var cc = new Option<string[]>("--cc") { Description = "Cc recipient (repeatable)." };
        var bcc = new Option<string[]>("--bcc") { Description = "Bcc recipient (repeatable): in the SMTP envelope, not in the headers." };
        var subject = new Option<string?>("--subject") { Description = "Subject." };
        var text = new Option<string?>("--text") { Description = "Plain-text body." };
        var html = new Option<string?>("--html") { Description = "HTML body." };
        var attach = new Option<string[]>("--attach") { Description = "A file to attach (repeatable).", HelpName = "FILE" };
        var command = new Command("send", "Compose a mail and send it over SMTP, e.g. to a running `mailflow run`.")
        {
            smtp, from, to, cc, bcc, subject, text, html, attach,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!EndpointArgument.TryParse(parseResult.GetValue(smtp)!, out var endpoint))
            {
                error.WriteLine($"--smtp {parseResult.GetValue(smtp)}: write HOST:PORT, e.g. 127.0.0.1:2525.");
                return ExitCodes.Failed;
            }
            MimeMessage message;
            try
            {
                message = Compose(parseResult.GetValue(from)!, parseResult.GetValue(to)!, parseResult.GetValue(cc) ?? [], parseResult.GetValue(subject),
                    parseResult.GetValue(text), parseResult.GetValue(html), parseResult.GetValue(attach) ?? []);
            }
            catch (Exception ex) when (ex is ParseException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cannot compose the mail: {ex.Message}");
                return ExitCodes.Failed;
            }
            var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
                .Concat((parseResult.GetValue(bcc) ?? []).Select(MailboxAddress.Parse)).ToList();
            using var client = new SmtpClient();
            try
            {
                await client.ConnectAsync(endpoint.Address.ToString(), endpoint.Port, SecureSocketOptions.None, cancellationToken);
                var reply = await client.SendAsync(message, message.From.Mailboxes.First(), recipients, cancellationToken);
                await client.DisconnectAsync(quit: true, cancellationToken);
                output.WriteLine($"sent {message.MessageId} to {recipients.Count} recipient(s); the server answered: {reply}");
                return ExitCodes.Ok;
            }
            catch (SocketException ex)
            {
                error.WriteLine($"no SMTP server answers at {endpoint} ({ex.SocketErrorCode}); is `mailflow run` running?");
            }
            catch (SmtpCommandException ex)
            {
                error.WriteLine($"the server refused the mail: {(int)ex.StatusCode} {ex.Message}");
            }
            catch (SmtpProtocolException ex)
            {
                error.WriteLine($"the SMTP conversation failed: {ex.Message}");
            }
            return ExitCodes.Failed;
        });
        return command;
    }

    private static MimeMessage Compose(string from, string[] to, string[] cc, string? subject, string? text, string? html, string[] attachments)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.AddRange(to.Select(MailboxAddress.Parse));
        message.Cc.AddRange(cc.Select(MailboxAddress.Parse));
        message.Subject = subject ?? "";
        var body = new BodyBuilder { TextBody = text ?? (html is null ? "" : null), HtmlBody = html };
        foreach (var file in attachments)
        {
            body.Attachments.Add(file);
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
