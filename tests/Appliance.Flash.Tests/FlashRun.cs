using Appliance.Flash.Cli;

namespace Appliance.Flash.Tests;

/// <summary>One run of the sparklecc-flash command line with captured output.</summary>
internal sealed record FlashRun(int ExitCode, string Output, string Error)
{
    public static FlashRun Of(Func<TextWriter, TextWriter, FlashEnvironment> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = FlashCommandLine.Run(args, environment(output, error));
        return new FlashRun(code, output.ToString(), error.ToString());
    }
}
