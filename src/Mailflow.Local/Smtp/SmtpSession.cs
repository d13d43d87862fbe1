using System.Globalization;
using System.Net.Sockets;
using Mailflow.Core.Redaction;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Smtp;

/// <summary>
/// One SMTP session (RFC 5321 §4): greeting, commands and mail transactions until QUIT, the command timeout,
/// shutdown or the client leaving. On shutdown a session waiting for a command answers 421 4.3.2 and closes; one
/// in DATA or in the receiver finishes its mail first, unless the listener aborts.
/// </summary>
internal sealed class SmtpSession(
    long id,
    SmtpConnection connection,
    SmtpListenerOptions options,
    ISmtpReceiver receiver,
    ILogger logger,
    CancellationToken stopping,
    CancellationToken aborting)
{
    private string? _clientName;
    private SmtpTransaction? _transaction;

    public async Task RunAsync()
    {
        using var waitingForCommand = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborting);
        try
        {
            connection.WriteLine($"220 {options.ServerName} ESMTP Mailflow ready");
            while (await ExecuteNextCommandAsync(waitingForCommand.Token).ConfigureAwait(false))
            {
            }
        }
        catch (TimeoutException)
        {
            SmtpListenerLog.SessionTimedOut(logger, id);
            await connection.SayGoodbyeAsync(SmtpReplies.Timeout(options.ServerName)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || aborting.IsCancellationRequested)
        {
            SmtpListenerLog.SessionShutDown(logger, id);
            await connection.SayGoodbyeAsync(SmtpReplies.ShuttingDown(options.ServerName)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            SmtpListenerLog.ConnectionLost(logger, id, e.Message);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            SmtpListenerLog.SessionClosed(logger, id);
        }
    }

    /// <summary>Reads and answers one command; false when the session is over.</summary>
    private async Task<bool> ExecuteNextCommandAsync(CancellationToken waitingForCommand)
    {
        var (line, error) = await connection.ReadCommandLineAsync(waitingForCommand).ConfigureAwait(false);
        if (error is { } refusal)
        {
            connection.Write(refusal);
            return true;
        }
        if (line is null)
        {
            SmtpListenerLog.ConnectionLost(logger, id, "the client closed the connection without QUIT");
            return false;
        }
        var command = SmtpCommand.Parse(line);
        if (stopping.IsCancellationRequested && command.Verb != "QUIT")
        {
            // A command already buffered when shutdown began: no new work, but a pipelined QUIT still gets its 221.
            throw new OperationCanceledException(stopping);
        }
        switch (command.Verb)
        {
            case "EHLO":
                Ehlo(command.Argument);
                return true;
            case "HELO":
                Helo(command.Argument);
                return true;
            case "MAIL":
                Mail(command.Argument);
                return true;
            case "RCPT":
                Recipient(command.Argument);
                return true;
            case "DATA":
                return await DataAsync(command.Argument).ConfigureAwait(false);
            case "RSET":
                Reset(command.Argument);
                return true;
            case "NOOP":
                connection.Write(SmtpReplies.Ok);
                return true;
            case "VRFY":
                connection.Write(command.Argument.Length == 0 ? SmtpReplies.VrfySyntax : SmtpReplies.CannotVerify);
                return true;
            case "QUIT":
                await connection.SayGoodbyeAsync(SmtpReplies.Closing(options.ServerName)).ConfigureAwait(false);
                return false;
            default:
                connection.Write(SmtpReplies.UnknownCommand);
                return true;
        }
    }

    private void Ehlo(string clientName)
    {
        if (clientName.Length == 0)
        {
            connection.Write(SmtpReplies.EhloSyntax);
            return;
        }
        _clientName = clientName;
        _transaction = null; // RFC 5321 §4.1.4: EHLO in a session resets it like RSET
        connection.Write(250,
        [
            options.ServerName, // not echoing the client's name keeps the line within 512 octets (RFC 5321 §4.5.3.1.5)
            "PIPELINING",
            "8BITMIME",
            "SMTPUTF8",
            string.Create(CultureInfo.InvariantCulture, $"SIZE {options.MaxMessageBytes}"),
            "ENHANCEDSTATUSCODES",
        ]);
    }

    private void Helo(string clientName)
    {
        if (clientName.Length == 0)
        {
            connection.Write(SmtpReplies.HeloSyntax);
            return;
        }
        _clientName = clientName;
        _transaction = null;
        connection.WriteLine($"250 {options.ServerName}");
    }

    private void Mail(string argument)
    {
        if (_clientName is null)
        {
            connection.Write(SmtpReplies.HelloFirst);
            return;
        }
        if (_transaction is not null)
        {
            connection.Write(SmtpReplies.NestedMail);
            return;
        }
        var parsed = SmtpPathArgument.TryParse(argument, "FROM");
        if (parsed is null)
        {
            connection.Write(SmtpReplies.MailSyntax);
            return;
        }
        var sender = parsed.Path;
        if (sender.Length > 0 && !MailboxSyntax.IsValid(sender))
        {
            connection.Write(SmtpReplies.BadSenderAddress);
            return;
        }
        if (MailParameters.Read(parsed.Parameters) is not { } parameters)
        {
            connection.Write(SmtpReplies.MailSyntax);
            return;
        }
        var refusal = parameters.Unknown ? SmtpReplies.UnknownParameter
            : !parameters.SmtpUtf8 && !MailboxSyntax.IsAscii(sender) ? SmtpReplies.NonAsciiSender
            : parameters.Size > options.MaxMessageBytes ? SmtpReplies.MessageTooBig
            : (SmtpReply?)null;
        var reply = refusal ?? Ask("MAIL FROM", () => receiver.OnMailFrom(sender, parameters.Size));
        SmtpListenerLog.Sender(logger, id, Redact.Address(sender), reply.Code, reply.EnhancedCode);
        connection.Write(reply);
        if (reply.IsPositive)
        {
            _transaction = new SmtpTransaction(sender, parameters.Size, parameters.SmtpUtf8);
        }
    }

    private void Recipient(string argument)
    {
        if (_transaction is null)
        {
            connection.Write(SmtpReplies.MailFirst);
            return;
        }
        var parsed = SmtpPathArgument.TryParse(argument, "TO");
        if (parsed is null)
        {
            connection.Write(SmtpReplies.RcptSyntax);
            return;
        }
        var recipient = MailboxSyntax.IsBarePostmaster(parsed.Path) ? "Postmaster" : parsed.Path;
        if (recipient != "Postmaster" && !MailboxSyntax.IsValid(recipient))
        {
            connection.Write(SmtpReplies.BadRecipientAddress);
            return;
        }
        var refusal = parsed.Parameters.Count > 0 ? SmtpReplies.UnknownParameter
            : !_transaction.SmtpUtf8 && !MailboxSyntax.IsAscii(recipient) ? SmtpReplies.NonAsciiRecipient
            : _transaction.Recipients.Count >= options.MaxRecipients ? SmtpReplies.TooManyRecipients
            : (SmtpReply?)null;
        var reply = refusal ?? Ask("RCPT TO", () => receiver.OnRecipient(recipient));
        SmtpListenerLog.Recipient(logger, id, Redact.Address(recipient), reply.Code, reply.EnhancedCode);
        connection.Write(reply);
        if (reply.IsPositive)
        {
            _transaction.Recipients.Add(recipient);
        }
    }

    private void Reset(string argument)
    {
        if (argument.Length > 0)
        {
            connection.Write(SmtpReplies.NoParameters);
            return;
        }
        _transaction = null;
        connection.Write(SmtpReplies.ResetOk);
    }

    private async Task<bool> DataAsync(string argument)
    {
        if (argument.Length > 0)
        {
            connection.Write(SmtpReplies.NoParameters);
            return true;
        }
        if (_transaction is not { } transaction)
        {
            connection.Write(SmtpReplies.MailFirst);
            return true;
        }
        if (transaction.Recipients.Count == 0)
        {
            connection.Write(SmtpReplies.RecipientFirst);
            return true;
        }
        _transaction = null; // RFC 5321 §4.1.1.4: the transaction ends with its data, whatever the reply
        var spool = OpenSpool();
        if (spool is null)
        {
            connection.Write(SmtpReplies.ReceiverFailed);
            return true;
        }
        await using (spool.ConfigureAwait(false))
        {
            connection.WriteLine("354 End data with <CR><LF>.<CR><LF>");
            var spooler = new SmtpDataSpooler(spool, options.MaxMessageBytes);
            if (!await connection.ReadDataAsync(spooler, aborting).ConfigureAwait(false))
            {
                SmtpListenerLog.ConnectionLost(logger, id, "the client closed the connection in DATA");
                return false;
            }
            var sender = Redact.Address(transaction.ReversePath);
            if (spooler.LineTooLong)
            {
                SmtpListenerLog.LineTooLong(logger, id, sender);
                connection.Write(SmtpReplies.TextLineTooLong);
                return true;
            }
            if (spooler.TooBig)
            {
                SmtpListenerLog.MessageTooBig(logger, id, sender, spooler.MessageBytes, options.MaxMessageBytes);
                connection.Write(SmtpReplies.MessageTooBig);
                return true;
            }
            await spool.FlushAsync(aborting).ConfigureAwait(false);
            spool.Position = 0;
            var answer = await DeliverAsync(transaction, spool).ConfigureAwait(false);
            SmtpListenerLog.Message(logger, id, sender, Redact.Addresses(transaction.Recipients), spooler.MessageBytes, answer.Code, answer.EnhancedCode);
            connection.Write(answer);
            return true;
        }
    }

    private async Task<SmtpReply> DeliverAsync(SmtpTransaction transaction, Stream spool)
    {
        SmtpReply reply;
        try
        {
            reply = await receiver.OnMessageAsync(transaction.ReversePath, [.. transaction.Recipients], spool, aborting).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            throw; // the listener is aborting: 421, and the client retries the mail
        }
        catch (Exception e)
        {
            SmtpListenerLog.ReceiverFailed(logger, id, "end of DATA", e);
            return SmtpReplies.ReceiverFailed;
        }
        return Checked("end of DATA", reply);
    }

    /// <summary>The receiver's answer to MAIL or RCPT; a throw or a malformed reply becomes 451 4.3.0 and the session goes on.</summary>
    private SmtpReply Ask(string step, Func<SmtpReply> question)
    {
        try
        {
            return Checked(step, question());
        }
        catch (Exception e)
        {
            SmtpListenerLog.ReceiverFailed(logger, id, step, e);
            return SmtpReplies.ReceiverFailed;
        }
    }

    private SmtpReply Checked(string step, SmtpReply reply)
    {
        if (reply.Code is (>= 200 and < 300) or (>= 400 and < 600) && reply.Text is not null)
        {
            return reply;
        }
        SmtpListenerLog.InvalidReply(logger, id, step, reply.Code);
        return SmtpReplies.ReceiverFailed;
    }

    /// <summary>The DATA spool: memory for small mails, a temp file deleted on close beyond that (<see cref="SpillingSpool"/>).</summary>
    private SpillingSpool? OpenSpool()
    {
        var directory = options.SpoolDirectory ?? Path.GetTempPath();
        if (!Directory.Exists(directory))
        {
            SmtpListenerLog.SpoolFailed(logger, id, directory, new DirectoryNotFoundException($"The spool directory {directory} does not exist."));
            return null;
        }
        return new SpillingSpool(directory);
    }
}
