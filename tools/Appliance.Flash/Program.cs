using Appliance.Flash.Cli;

namespace Appliance.Flash;

/// <summary>Entry point of sparklecc-flash.</summary>
internal static class Program
{
    public static int Main(string[] args) => FlashCommandLine.Run(args, FlashEnvironment.FromConsole());
}
