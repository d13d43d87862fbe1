using Mailflow.Cli;
using Mailflow.Core.Mail;

MailEncodings.Register();
return await MailflowCommand.Create().Parse(args).InvokeAsync();
