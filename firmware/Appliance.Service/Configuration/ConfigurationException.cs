namespace Appliance.Service.Configuration;

/// <summary>
/// Configuration values are missing or invalid. Each of <see cref="Problems"/> names one key; the
/// message is theirs, one line each, so an admin sees every key to fix at once.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string key, string problem)
        : base($"Configuration key '{key}': {problem}")
    {
        Key = key;
        Problems = [this];
    }

    /// <param name="problems">One or more problems, each naming its key.</param>
    public ConfigurationException(IReadOnlyList<ConfigurationException> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.Message)))
    {
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        Key = problems[0].Key;
        Problems = problems;
    }

    public ConfigurationException()
    {
        Key = string.Empty;
        Problems = [this];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
        Problems = [this];
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Key = string.Empty;
        Problems = [this];
    }

    /// <summary>The configuration key at fault, in <c>Section:Name</c> form (the first one's when
    /// there are several).</summary>
    public string Key { get; }

    /// <summary>Every problem, each with one key; a single problem lists itself.</summary>
    public IReadOnlyList<ConfigurationException> Problems { get; }
}
