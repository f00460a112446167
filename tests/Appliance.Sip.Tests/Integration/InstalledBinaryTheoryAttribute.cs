namespace Appliance.Sip.Tests.Integration;

/// <summary>A theory that is skipped, with the reason, when a peer binary is not on the PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InstalledBinaryTheoryAttribute : TheoryAttribute
{
    public InstalledBinaryTheoryAttribute(string binary, string package)
    {
        Binary = binary;
        if (InstalledBinaryFactAttribute.Locate(binary) is null)
        {
            Skip = $"{binary} is not installed (apt-get install -y {package})";
        }
    }

    public string Binary { get; }
}
