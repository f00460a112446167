namespace Appliance.Storage.Recordings;

/// <summary>What one run of the retention policy deleted.</summary>
/// <param name="Deleted">Recordings whose row was removed.</param>
/// <param name="BytesFreed">The indexed sizes of those recordings.</param>
/// <param name="Kept">Recordings left in the index.</param>
public readonly record struct RecordingRetentionResult(int Deleted, long BytesFreed, int Kept);
