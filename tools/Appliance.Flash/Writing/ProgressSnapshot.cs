namespace Appliance.Flash.Writing;

/// <summary>
/// How far a write or read-back is: bytes done of <see cref="TotalBytes"/> after <see cref="Elapsed"/>.
/// </summary>
internal readonly record struct ProgressSnapshot(long DoneBytes, long TotalBytes, TimeSpan Elapsed);
