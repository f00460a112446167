using Appliance.Flash.Writing;

namespace Appliance.Flash;

/// <summary>
/// Everything the commands take from the machine, so tests can run them against a fake sysfs
/// tree, captured output, typed answers, a fake clock and a failing target.
/// </summary>
internal sealed class FlashEnvironment
{
    public string SysfsRoot { get; init; } = "/sys";

    public string MountInfoPath { get; init; } = "/proc/self/mountinfo";

    public TextWriter Output { get; init; } = TextWriter.Null;

    /// <summary>Errors, prompts and progress; results go to <see cref="Output"/>.</summary>
    public TextWriter Error { get; init; } = TextWriter.Null;

    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when <see cref="Error"/> is a terminal: progress then redraws one line.</summary>
    public bool ErrorIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ITargetOpener Opener { get; init; } = new FileTargetOpener();

    /// <summary>
    /// The public key used when <c>--public-key</c> is not given: the one shipped beside the tool.
    /// </summary>
    public string DefaultPublicKeyPath { get; init; } =
        Path.Combine(AppContext.BaseDirectory, "sparklecc-image.pub.pem");

    public static FlashEnvironment FromConsole() => new()
    {
        Output = Console.Out,
        Error = Console.Error,
        Input = Console.In,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
