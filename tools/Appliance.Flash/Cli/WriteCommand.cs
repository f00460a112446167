using System.CommandLine;
using Appliance.Flash.Devices;
using Appliance.Flash.Imaging;
using Appliance.Flash.Writing;

namespace Appliance.Flash.Cli;

/// <summary>
/// <c>write</c>: checks the target, the image checksum and the signature, asks for confirmation,
/// writes, and reads back. Nothing is written until every check has passed.
/// </summary>
internal static class WriteCommand
{
    public static Command Build(FlashEnvironment environment)
    {
        var image = new Argument<string>("image")
        {
            Description = "The image file; <image>.sha256 must be beside it.",
        };
        var target = new Argument<string>("target")
        {
            Description = "A whole disk such as /dev/sdb or /dev/mmcblk0, or a plain file.",
        };
        var yes = new Option<bool>("--yes", "-y")
        {
            Description = "Do not ask before overwriting the target."
        };
        var signature = new Option<string?>("--signature")
        {
            Description = "Detached signature file [default: <image>.sig].",
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "PEM public key (ECDSA P-256 or RSA) [default: sparklecc-image.pub.pem beside the tool].",
        };
        var command = new Command("write", "Write an image to a card, read it back and compare SHA-256.")
        {
            image, target, yes, signature, publicKey,
        };
        command.SetAction(parsed => FlashCommandLine.Guarded(environment, () => Run(
            environment,
            parsed.GetRequiredValue(image),
            parsed.GetRequiredValue(target),
            parsed.GetValue(yes),
            parsed.GetValue(signature),
            parsed.GetValue(publicKey))));
        return command;
    }

    private static int Run(
        FlashEnvironment environment,
        string imagePath,
        string targetPath,
        bool yes,
        string? signaturePath,
        string? publicKeyPath)
    {
        if (!File.Exists(imagePath))
        {
            throw new FlashException(ExitCodes.BadImage, $"The image {imagePath} does not exist.");
        }

        var imageBytes = new FileInfo(imagePath).Length;
        var guard = new TargetGuard(new BlockDeviceScanner(environment.SysfsRoot, environment.MountInfoPath));
        var target = guard.Check(targetPath, imagePath, imageBytes);

        environment.Error.WriteLine(
            $"Checking {imagePath} ({ByteText.Human(imageBytes)}) against its checksum and signature.");
        var hash = ImageChecksum.Check(imagePath);
        ImageSignature.Check(
            hash,
            signaturePath ?? ImageSignature.PathFor(imagePath),
            publicKeyPath ?? environment.DefaultPublicKeyPath);

        if (!yes && !Confirm(environment, imagePath, target))
        {
            throw new FlashException(
                ExitCodes.RefusedTarget,
                $"Nothing was written to {targetPath}: the answer was not 'yes'.");
        }

        var writer = new ImageWriter(
            environment.Opener,
            environment.Time,
            environment.Error,
            environment.ErrorIsTerminal);
        var result = writer.Write(imagePath, target, hash);

        environment.Output.WriteLine(
            $"Wrote {ByteText.Megabytes(result.Bytes)} to {target.Path} in {ProgressFormatter.Duration(result.WriteTime)} "
            + $"and read it back in {ProgressFormatter.Duration(result.VerifyTime)}: SHA-256 {ImageChecksum.Hex(hash)} matches.");
        return ExitCodes.Success;
    }

    // A plain file that does not exist yet loses nothing; everything else is asked about.
    private static bool Confirm(FlashEnvironment environment, string imagePath, FlashTarget target)
    {
        if (!target.IsDevice && !File.Exists(target.Path))
        {
            return true;
        }

        var what = target.Device is { } device
            ? $"{target.Path} ({device.Description}, {ByteText.Human(device.SizeBytes)})"
            : target.Path;
        environment.Error.Write(
            $"Everything on {what} will be replaced by {imagePath}. Type 'yes' to go on: ");
        environment.Error.Flush();
        var answer = environment.Input.ReadLine();
        return string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
    }
}
