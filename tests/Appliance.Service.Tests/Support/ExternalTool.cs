using System.ComponentModel;
using System.Diagnostics;

namespace Appliance.Service.Tests.Support;

/// <summary>Starts a peer program, turning "not installed" into a message that says how to get it.</summary>
public static class ExternalTool
{
    /// <exception cref="InvalidOperationException">The program is not on the PATH.</exception>
    public static Process Start(ProcessStartInfo start, string description)
    {
        try
        {
            return Process.Start(start)
                ?? throw new InvalidOperationException($"{description} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"{description} is not installed; tools/test.sh installs the end-to-end peers.", ex);
        }
    }
}
