namespace Appliance.Flash;

/// <summary>
/// A failure the technician has to act on. <see cref="Exception.Message"/> is one sentence that
/// names the file or device and is printed as it is; <see cref="ExitCode"/> is one of
/// <see cref="ExitCodes"/>.
/// </summary>
internal sealed class FlashException : Exception
{
    public FlashException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public FlashException(int exitCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
