using System.CommandLine;
using System.Security.Cryptography;
using Appliance.Flash.Devices;
using Appliance.Flash.Imaging;
using Appliance.Flash.Writing;

namespace Appliance.Flash.Cli;

/// <summary>
/// <c>verify</c>: compares the first image-length bytes of a target with the image, by SHA-256.
/// Reading is harmless, so mounted and fixed disks are not refused here. When
/// <c>&lt;image&gt;.sha256</c> is present the image is checked against it first.
/// </summary>
internal static class VerifyCommand
{
    public static Command Build(FlashEnvironment environment)
    {
        var image = new Argument<string>("image") { Description = "The image file." };
        var target = new Argument<string>("target")
        {
            Description = "The disk or plain file the image was written to.",
        };
        var command = new Command(
            "verify",
            "Check that a card holds an image (SHA-256 of the image's length).") { image, target };
        command.SetAction(parsed => FlashCommandLine.Guarded(
            environment,
            () => Run(environment, parsed.GetRequiredValue(image), parsed.GetRequiredValue(target))));
        return command;
    }

    private static int Run(FlashEnvironment environment, string imagePath, string targetPath)
    {
        if (!File.Exists(imagePath))
        {
            throw new FlashException(ExitCodes.BadImage, $"The image {imagePath} does not exist.");
        }

        var hash = File.Exists(ImageChecksum.PathFor(imagePath))
            ? ImageChecksum.Check(imagePath)
            : ImageChecksum.Compute(imagePath);
        var length = new FileInfo(imagePath).Length;
        var scanner = new BlockDeviceScanner(environment.SysfsRoot, environment.MountInfoPath);
        var target = new TargetGuard(scanner).Find(targetPath);

        var writer = new ImageWriter(
            environment.Opener,
            environment.Time,
            environment.Error,
            environment.ErrorIsTerminal);
        var (onTarget, _) = writer.HashTarget(target, length, "verifying");
        if (!CryptographicOperations.FixedTimeEquals(onTarget, hash))
        {
            throw new FlashException(
                ExitCodes.Mismatch,
                $"The target {targetPath} does not hold the image {imagePath}.");
        }

        environment.Output.WriteLine(
            $"{targetPath} holds {imagePath}: {ByteText.Megabytes(length)}, SHA-256 {ImageChecksum.Hex(hash)}.");
        return ExitCodes.Success;
    }
}
