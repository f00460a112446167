using System.CommandLine;
using Appliance.Flash.Imaging;

namespace Appliance.Flash.Cli;

/// <summary>
/// <c>sign</c>: writes <c>&lt;image&gt;.sha256</c> and a detached signature for the image build,
/// optionally making the key pair first. A new private key is written with mode 0600 and an
/// existing key file is never overwritten.
/// </summary>
internal static class SignCommand
{
    public static Command Build(FlashEnvironment environment)
    {
        var image = new Argument<string>("image") { Description = "The image to sign." };
        var key = new Option<string>("--key")
        {
            Description = "PEM private key (ECDSA P-256 or RSA).",
            Required = true,
        };
        var newKey = new Option<bool>("--new-key")
        {
            Description = "Make a new key pair at --key (and --public-key) first.",
        };
        var algorithm = new Option<KeyAlgorithm>("--algorithm")
        {
            Description = "Algorithm of a new key.",
            DefaultValueFactory = _ => KeyAlgorithm.Ecdsa,
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "Where --new-key puts the public key [default: <key>.pub.pem].",
        };
        var signature = new Option<string?>("--signature")
        {
            Description = "Where the signature goes [default: <image>.sig].",
        };
        var command = new Command(
            "sign",
            "Write <image>.sha256 and a detached signature, making a key pair if asked.")
        {
            image, key, newKey, algorithm, publicKey, signature,
        };
        command.SetAction(parsed => FlashCommandLine.Guarded(environment, () => Run(
            environment,
            parsed.GetRequiredValue(image),
            new SignOptions(
                parsed.GetRequiredValue(key),
                parsed.GetValue(newKey),
                parsed.GetValue(algorithm),
                parsed.GetValue(publicKey),
                parsed.GetValue(signature)))));
        return command;
    }

    private static int Run(FlashEnvironment environment, string imagePath, SignOptions options)
    {
        if (!File.Exists(imagePath))
        {
            throw new FlashException(ExitCodes.BadImage, $"The image {imagePath} does not exist.");
        }

        if (options.NewKey)
        {
            CreateKeyPair(environment, options);
        }
        else if (!File.Exists(options.KeyPath))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The private key {options.KeyPath} does not exist; pass --new-key to make one.");
        }

        var hash = ImageChecksum.Compute(imagePath);
        var signatureBytes = ImageSignature.Sign(hash, File.ReadAllText(options.KeyPath), options.KeyPath);
        var signaturePath = options.SignaturePath ?? ImageSignature.PathFor(imagePath);
        File.WriteAllBytes(signaturePath, signatureBytes);
        ImageChecksum.Write(imagePath, hash);

        environment.Output.WriteLine(
            $"Signed {imagePath}: SHA-256 {ImageChecksum.Hex(hash)} in {ImageChecksum.PathFor(imagePath)}, "
            + $"signature in {signaturePath}.");
        return ExitCodes.Success;
    }

    private static void CreateKeyPair(FlashEnvironment environment, SignOptions options)
    {
        var publicPath = options.PublicKeyPath ?? Path.ChangeExtension(options.KeyPath, ".pub.pem");
        foreach (var path in new[] { options.KeyPath, publicPath })
        {
            if (File.Exists(path))
            {
                throw new FlashException(
                    ExitCodes.Usage,
                    $"The key file {path} already exists; it is not overwritten.");
            }
        }

        var (privatePem, publicPem) = ImageSignature.CreateKeyPair(options.Algorithm);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(options.KeyPath, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(privatePem);
        }

        File.WriteAllText(publicPath, publicPem);
        environment.Output.WriteLine(
            $"Made a new {options.Algorithm} key pair: private {options.KeyPath}, public {publicPath}.");
    }

    private sealed record SignOptions(
        string KeyPath,
        bool NewKey,
        KeyAlgorithm Algorithm,
        string? PublicKeyPath,
        string? SignaturePath);
}
