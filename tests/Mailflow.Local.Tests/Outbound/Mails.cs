using System.Text;
using Mailflow.Core.Ports;
using MimeKit;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>Composed outbound mail for the sender tests, as the outbound pipeline hands it over: Bcc only in the envelope.</summary>
internal static class Mails
{
    public const string From = "billing@shop.example";

    public static OutgoingMail Invoice(string mailId = "out-0001", params string[] bcc)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Shop Billing", From));
        message.To.Add(new MailboxAddress("Ann Buyer", "ann@buyer.example"));
        message.Cc.Add(new MailboxAddress("", "ap@buyer.example"));
        message.Subject = "Invoice 42 – Grüße";
        message.MessageId = "inv42.x7@Shop.Example";
        var body = new BodyBuilder { TextBody = "Please find the invoice attached.\nGrüße, Влад\n" };
        body.Attachments.Add("invoice-42.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 fake invoice"), new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return new OutgoingMail(mailId, message, From, ["ann@buyer.example", "ap@buyer.example", .. bcc]);
    }

    public static OutgoingMail Simple(string mailId, string from, params string[] recipients)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var recipient in recipients)
        {
            message.To.Add(new MailboxAddress("", recipient));
        }
        message.Subject = $"Mail {mailId}";
        message.Body = new TextPart("plain") { Text = $"Body of {mailId}\n" };
        return new OutgoingMail(mailId, message, from, recipients);
    }
}
