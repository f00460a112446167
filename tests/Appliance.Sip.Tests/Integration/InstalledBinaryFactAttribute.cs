namespace Appliance.Sip.Tests.Integration;

/// <summary>A fact that is skipped, with the reason, when a peer binary is not on the PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InstalledBinaryFactAttribute : FactAttribute
{
    public InstalledBinaryFactAttribute(string binary, string package)
    {
        Binary = binary;
        if (Locate(binary) is null)
        {
            Skip = $"{binary} is not installed (apt-get install -y {package})";
        }
    }

    public string Binary { get; }

    public static string? Locate(string binary)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
