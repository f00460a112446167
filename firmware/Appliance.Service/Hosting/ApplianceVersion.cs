using System.Reflection;

namespace Appliance.Service.Hosting;

/// <summary>The version Nerdbank.GitVersioning stamped on this build.</summary>
internal static class ApplianceVersion
{
    public static string Current { get; } =
        typeof(ApplianceVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "unknown";
}
