using Serilog;

namespace Appliance.Media.Audio;

/// <summary>
/// Music on hold: one or more 8 kHz mono WAV files played one after the other and looped for
/// ever. Each <see cref="OpenStream"/> gives a leg (or a <see cref="Mixing.MediaMixer"/>) its
/// own <see cref="IAudioSource"/> that starts at the beginning of the first file.
/// </summary>
/// <remarks>
/// The files are decoded once when loaded; every stream shares the samples and keeps only its
/// position, so a thousand callers on hold cost one copy of the music. Thread-safe: streams may
/// be opened from any thread; each stream is read by one clock thread.
/// </remarks>
public sealed class HoldMusic
{
    private readonly short[] _samples;

    /// <summary>Music from samples already decoded (8 kHz, 16-bit linear).</summary>
    /// <exception cref="ArgumentException">No samples.</exception>
    public HoldMusic(short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0)
        {
            throw new ArgumentException("Hold music needs at least one sample.", nameof(samples));
        }

        _samples = samples;
    }

    /// <summary>How long one pass through all the files lasts.</summary>
    public TimeSpan Length => TimeSpan.FromSeconds(_samples.Length / 8000.0);

    /// <summary>
    /// Loads the files in order. A file that cannot be read or is not an 8 kHz mono WAV is left
    /// out with one Warning naming it; the others still play.
    /// </summary>
    /// <exception cref="InvalidDataException">Not one of the files could be played.</exception>
    public static HoldMusic Load(IEnumerable<string> paths, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(log);

        var parts = new List<short[]>();
        var tried = new List<string>();
        foreach (var path in paths)
        {
            tried.Add(path);
            try
            {
                var samples = WavFile.ReadMono8k(path);
                if (samples.Length > 0)
                {
                    parts.Add(samples);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                log.Warning(ex, "Hold music file {HoldMusicFile} left out", path);
            }
        }

        if (parts.Count == 0)
        {
            throw new InvalidDataException(
                $"No hold music could be played from {tried.Count} file(s): {string.Join(", ", tried)}.");
        }

        return new HoldMusic([.. parts.SelectMany(p => p)]);
    }

    /// <summary>A new stream of the music from its start, for one leg or mixer.</summary>
    public IAudioSource OpenStream() => new Stream(_samples);

    private sealed class Stream(short[] samples) : IAudioSource
    {
        private int _position;

        public bool ReadFrame(Span<short> frame)
        {
            var filled = 0;
            while (filled < frame.Length)
            {
                var count = Math.Min(frame.Length - filled, samples.Length - _position);
                samples.AsSpan(_position, count).CopyTo(frame[filled..]);
                filled += count;
                _position = (_position + count) % samples.Length;
            }

            return true;
        }
    }
}
