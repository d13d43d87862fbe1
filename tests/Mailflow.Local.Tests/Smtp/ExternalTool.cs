using System.ComponentModel;
using System.Diagnostics;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>Runs a real SMTP client (swaks, Python's smtplib) as a process, always under a timeout.</summary>
public static class ExternalTool
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>swaks, from Debian (scripts/install-test-deps.sh installs it).</summary>
    public static Task<Result> SwaksAsync(params string[] args) => RunAsync("/usr/bin/swaks", args);

    /// <summary>Debian's Python: the python3 first on PATH is another one.</summary>
    public static Task<Result> PythonAsync(string script, params string[] args) => RunAsync("/usr/bin/python3", ["-c", script, .. args]);

    private static async Task<Result> RunAsync(string fileName, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} cannot be started ({e.Message}); run scripts/install-test-deps.sh once.", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(s_timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} did not finish within {s_timeout.TotalSeconds} s and was killed.");
            }
            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
