using System.CommandLine;
using Appliance.Flash.Devices;

namespace Appliance.Flash.Cli;

/// <summary><c>list</c>: the removable disks with size, bus, model and whether they may be written.</summary>
internal static class ListCommand
{
    public static Command Build(FlashEnvironment environment)
    {
        var all = new Option<bool>("--all")
        {
            Description = "Also show fixed disks and loop devices, with why they are refused.",
        };
        var command = new Command(
            "list",
            "List removable disks (SD cards, USB sticks) with size and model.") { all };
        command.SetAction(parsed => FlashCommandLine.Guarded(
            environment,
            () => Run(environment, parsed.GetValue(all))));
        return command;
    }

    private static int Run(FlashEnvironment environment, bool all)
    {
        var scanner = new BlockDeviceScanner(environment.SysfsRoot, environment.MountInfoPath);
        var devices = scanner.Scan().Where(d => all ? !IsDetachedLoop(d) : d.IsRemovable).ToList();
        if (devices.Count == 0)
        {
            environment.Output.WriteLine(
                "No removable disks found; insert a card or USB stick (or use --all).");
            return ExitCodes.Success;
        }

        environment.Output.WriteLine($"{"DEVICE",-14} {"SIZE",9}  {"BUS",-5} {"MODEL",-28} STATE");
        foreach (var device in devices)
        {
            environment.Output.WriteLine(
                $"{device.DevicePath,-14} {ByteText.Human(device.SizeBytes),9}  {Bus(device),-5} "
                + $"{device.Description,-28} {State(device)}");
        }

        return ExitCodes.Success;
    }

    private static bool IsDetachedLoop(BlockDevice device) =>
        device.Transport == "loop" && device.SizeBytes == 0;

    private static string Bus(BlockDevice device) => device.Transport.Length > 0 ? device.Transport : "-";

    // The same order of refusals as TargetGuard, so the state says what write would say.
    public static string State(BlockDevice device) => device switch
    {
        { IsSystemDisk: true } => "system disk",
        { MountPoints.Count: > 0 } => "mounted: " + string.Join(", ", device.MountPoints),
        { IsFlashable: false } => "fixed disk",
        { SizeBytes: 0 } => "no medium",
        _ => "ready",
    };
}
