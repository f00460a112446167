namespace Appliance.Drivers.Gsm;

/// <summary>A module answered a command with ERROR, +CME ERROR or +CMS ERROR, or not at all.</summary>
public sealed class AtCommandException : Exception
{
    public AtCommandException()
    {
    }

    public AtCommandException(string message)
        : base(message)
    {
    }

    public AtCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AtCommandException(string command, string result)
        : base($"{command} answered {result}")
    {
        Command = command;
        Result = result;
    }

    /// <summary>The command as sent, without its line ending.</summary>
    public string? Command { get; }

    /// <summary>The final result code, or "timeout".</summary>
    public string? Result { get; }
}
