using Mailflow.ApiBench;

return await ApiBenchCommand.RunAsync(args, Console.Out);
