namespace Appliance.Flash;

/// <summary>
/// The process exit codes of sparklecc-flash. They are part of the tool's interface: scripts on
/// the technician's laptop and the image build test them, and <c>--help</c> lists them.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failure the tool did not foresee; the message carries the exception text.</summary>
    public const int Unexpected = 1;

    public const int Usage = 2;

    /// <summary>The target is the system disk, is mounted, is too small, or is not a disk to flash.</summary>
    public const int RefusedTarget = 3;

    /// <summary>The image, its checksum file, its signature or the public key is wrong or missing.</summary>
    public const int BadImage = 4;

    /// <summary>Reading or writing failed part way, for example because the card was pulled.</summary>
    public const int DeviceFailure = 5;

    /// <summary>The bytes read back from the target are not the image.</summary>
    public const int Mismatch = 6;

    public const string HelpText =
        """
        Exit codes:
          0  done
          1  unexpected error
          2  bad usage
          3  target refused: system disk, mounted, too small, not removable, or not confirmed
          4  bad image: checksum file or signature missing or wrong, bad public key
          5  write or read failure part way (card pulled, I/O error)
          6  the card does not hold the image (read-back differs)
        """;
}
