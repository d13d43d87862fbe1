using MimeKit;

namespace Mailflow.Core.Mail;

/// <summary>
/// The body a reader sees (first inline text/plain and text/html parts) and every other leaf part
/// as an attachment. A forwarded message/rfc822 part is one attachment: it is not descended into.
/// </summary>
public sealed record MailContent(TextPart? TextBody, TextPart? HtmlBody, IReadOnlyList<MimeEntity> Attachments)
{
    public static MailContent Of(MimeMessage message)
    {
        TextPart? text = null;
        TextPart? html = null;
        var attachments = new List<MimeEntity>();
        Visit(message.Body);
        return new MailContent(text, html, attachments);

        void Visit(MimeEntity? entity)
        {
            switch (entity)
            {
                case Multipart multipart:
                    foreach (var child in multipart)
                    {
                        Visit(child);
                    }
                    break;
                case TextPart part when !part.IsAttachment && part.IsPlain && text is null:
                    text = part;
                    break;
                case TextPart part when !part.IsAttachment && part.IsHtml && html is null:
                    html = part;
                    break;
                case MimePart or MessagePart:
                    attachments.Add(entity);
                    break;
            }
        }
    }
}
