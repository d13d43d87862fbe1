using Mailflow.LoadTest;

var settings = LoadSettings.Parse(args);
return await LoadRun.RunAsync(settings, Console.Out);
