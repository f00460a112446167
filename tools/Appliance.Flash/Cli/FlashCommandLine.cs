using System.CommandLine;

namespace Appliance.Flash.Cli;

/// <summary>
/// The sparklecc-flash command line: builds the commands, parses, runs one, and turns every
/// <see cref="FlashException"/> into its one-sentence message on stderr and its exit code.
/// </summary>
internal static class FlashCommandLine
{
    public static int Run(string[] args, FlashEnvironment environment)
    {
        var root = Build(environment);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                environment.Error.WriteLine("sparklecc-flash: " + error.Message);
            }

            environment.Error.WriteLine("Run 'sparklecc-flash --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration
        {
            Output = environment.Output,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        });
    }

    public static RootCommand Build(FlashEnvironment environment)
    {
        var root = new RootCommand(
            "Writes SparkleCC appliance images to SD cards and USB sticks, and checks them.\n"
            + "The image must come with <image>.sha256 and a detached signature <image>.sig.\n"
            + ExitCodes.HelpText);
        root.Add(ListCommand.Build(environment));
        root.Add(WriteCommand.Build(environment));
        root.Add(VerifyCommand.Build(environment));
        root.Add(SignCommand.Build(environment));
        return root;
    }

    /// <summary>Runs a command body, printing its failure as one sentence.</summary>
    public static int Guarded(FlashEnvironment environment, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (FlashException ex)
        {
            environment.Error.WriteLine("sparklecc-flash: " + ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine("sparklecc-flash: " + ex.Message);
            return ExitCodes.Unexpected;
        }
    }
}
