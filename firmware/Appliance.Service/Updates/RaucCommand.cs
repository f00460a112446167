using System.Diagnostics;
using System.Text;

namespace Appliance.Service.Updates;

/// <summary>Runs the <c>rauc</c> program and collects what it printed.</summary>
internal sealed class RaucCommand
{
    private readonly string _program;

    public RaucCommand(string program) => _program = program;

    /// <summary>The exit code, standard output and standard error of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The last line RAUC printed on standard error: where it says why it refused.</summary>
        public string Reason => Error
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault() ?? $"rauc exited with {ExitCode}";
    }

    /// <exception cref="InvalidOperationException">The program cannot be started.</exception>
    public async Task<Result> RunAsync(
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{_program} could not be started");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            var reason = $"rauc did not finish within {timeout.TotalMinutes:0} minutes";
            return new Result(-1, output.ToString(), reason);
        }

        // The asynchronous readers may still hold the last lines until the streams close.
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), error.ToString());
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }
}
