using System.Security.Cryptography;
using Appliance.Flash.Devices;

namespace Appliance.Flash.Writing;

/// <summary>
/// Copies an image to a target in 4 MiB blocks, flushes it to the medium, then reads the same
/// length back and compares SHA-256 with the image's. Every failure is a
/// <see cref="FlashException"/> whose message says how far it got. Not thread-safe.
/// </summary>
internal sealed class ImageWriter
{
    public const int BlockBytes = 4 * 1024 * 1024;

    private readonly ITargetOpener _opener;
    private readonly TimeProvider _time;
    private readonly TextWriter _progressOutput;
    private readonly bool _isTerminal;

    public ImageWriter(ITargetOpener opener, TimeProvider time, TextWriter progressOutput, bool isTerminal)
    {
        _opener = opener;
        _time = time;
        _progressOutput = progressOutput;
        _isTerminal = isTerminal;
    }

    /// <param name="imagePath">The image, already checked against its checksum and signature.</param>
    /// <param name="target">A target that passed <see cref="TargetGuard"/>.</param>
    /// <param name="imageSha256">The hash the checks accepted; the bytes written must have it too.</param>
    public WriteResult Write(string imagePath, FlashTarget target, byte[] imageSha256)
    {
        using var image = OpenImage(imagePath);
        var length = image.Length;

        var (written, writeTime) = CopyToTarget(image, imagePath, target, length);

        // The image was checked before the write; a file changed under us since then is caught here.
        if (!CryptographicOperations.FixedTimeEquals(written, imageSha256))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The image {imagePath} changed while it was being written; copy it again.");
        }

        var (readBack, verifyTime) = HashTarget(target, length, "verifying");
        if (!CryptographicOperations.FixedTimeEquals(readBack, imageSha256))
        {
            throw new FlashException(
                ExitCodes.Mismatch,
                $"The read-back of {target.Path} does not match the image {imagePath}; "
                + "the card may be faulty or fake.");
        }

        return new WriteResult(length, writeTime, verifyTime);
    }

    /// <summary>
    /// Hashes the first <paramref name="length"/> bytes of the target. A target shorter than that is a
    /// <see cref="ExitCodes.Mismatch"/>; an I/O error a <see cref="ExitCodes.DeviceFailure"/>.
    /// </summary>
    public (byte[] Hash, TimeSpan Elapsed) HashTarget(FlashTarget target, long length, string verb)
    {
        using var stream = Open(target, _opener.OpenRead);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BlockBytes];
        var progress = new ProgressReporter(_progressOutput, _isTerminal, _time, verb, length);
        long done = 0;
        while (done < length)
        {
            var wanted = (int)Math.Min(BlockBytes, length - done);
            int read;
            try
            {
                read = stream.ReadAtLeast(buffer.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
            }
            catch (IOException ex)
            {
                progress.Abandon();
                throw WentAway(target, $"after {ByteText.Megabytes(done)} were read back", ex);
            }

            hash.AppendData(buffer, 0, read);
            done += read;
            if (read < wanted)
            {
                progress.Abandon();
                throw new FlashException(
                    ExitCodes.Mismatch,
                    $"The target {target.Path} ends after {ByteText.Megabytes(done)}, "
                    + $"before the image's {ByteText.Megabytes(length)}.");
            }

            progress.Report(done);
        }

        progress.Complete(done);
        return (hash.GetHashAndReset(), progress.Elapsed);
    }

    private (byte[] Hash, TimeSpan Elapsed) CopyToTarget(
        FileStream image,
        string imagePath,
        FlashTarget target,
        long length)
    {
        using var stream = Open(target, _opener.OpenWrite);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BlockBytes];
        var progress = new ProgressReporter(_progressOutput, _isTerminal, _time, "writing", length);
        long done = 0;
        while (done < length)
        {
            var wanted = (int)Math.Min(BlockBytes, length - done);
            var read = ReadImageBlock(image, imagePath, buffer, wanted, done, progress);
            hash.AppendData(buffer, 0, read);
            try
            {
                stream.Write(buffer, 0, read);
            }
            catch (IOException ex)
            {
                progress.Abandon();
                throw WentAway(target, $"after {ByteText.Megabytes(done)} were written", ex);
            }

            done += read;
            progress.Report(done);
        }

        try
        {
            _opener.Settle(stream);
        }
        catch (IOException ex)
        {
            progress.Abandon();
            throw WentAway(target, $"while {ByteText.Megabytes(done)} were being flushed to it", ex);
        }

        progress.Complete(done);
        return (hash.GetHashAndReset(), progress.Elapsed);
    }

    private static int ReadImageBlock(
        FileStream image,
        string imagePath,
        byte[] buffer,
        int wanted,
        long offset,
        ProgressReporter progress)
    {
        try
        {
            var read = image.ReadAtLeast(buffer.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
            if (read == wanted)
            {
                return read;
            }
        }
        catch (IOException ex)
        {
            progress.Abandon();
            throw new FlashException(
                ExitCodes.DeviceFailure,
                $"Reading the image {imagePath} failed at {ByteText.Megabytes(offset)} ({ex.Message}).",
                ex);
        }

        progress.Abandon();
        throw new FlashException(
            ExitCodes.BadImage,
            $"The image {imagePath} got shorter while it was being written; copy it again.");
    }

    private static FileStream OpenImage(string imagePath)
    {
        try
        {
            return new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The image {imagePath} cannot be opened ({ex.Message}).",
                ex);
        }
    }

    private static Stream Open(FlashTarget target, Func<FlashTarget, Stream> open)
    {
        try
        {
            return open(target);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlashException(
                ExitCodes.RefusedTarget,
                $"The target {target.Path} does not exist; is the card inserted?",
                ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FlashException(
                ExitCodes.RefusedTarget,
                $"The target {target.Path} cannot be opened: permission denied (run as root).",
                ex);
        }
        catch (IOException ex)
        {
            throw new FlashException(
                ExitCodes.DeviceFailure,
                $"The target {target.Path} cannot be opened ({ex.Message}).",
                ex);
        }
    }

    private static FlashException WentAway(FlashTarget target, string when, IOException ex)
    {
        var message = target.IsDevice
            ? $"The device {target.Path} went away {when} ({ex.Message}); reinsert the card and write again."
            : $"The target file {target.Path} failed {when} ({ex.Message}).";
        return new FlashException(ExitCodes.DeviceFailure, message, ex);
    }
}
