namespace Appliance.Service.Configuration;

/// <summary>A configuration value is missing or invalid; the message names the key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string key, string problem)
        : base($"Configuration key '{key}': {problem}")
    {
        Key = key;
    }

    public ConfigurationException()
    {
        Key = string.Empty;
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    /// <summary>The configuration key at fault, in <c>Section:Name</c> form.</summary>
    public string Key { get; }
}
